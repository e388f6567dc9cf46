import { useEffect } from 'react';
import { useSearchParams } from 'react-router';
import { useVersions } from './VersionSelect.tsx';

/** The version the page shows: the one in the URL, else the region's first active one. */
export function useChosenVersion(): [string | undefined, (hash: string) => void] {
  const [params, setParams] = useSearchParams();
  const versions = useVersions();
  const chosen = params.get('package') ?? undefined;
  useEffect(() => {
    if (chosen || !versions.data?.length) return;
    const first = versions.data.find((v) => v.active) ?? versions.data[0];
    setParams((p) => ({ ...Object.fromEntries(p), package: first.hash }), { replace: true });
  }, [chosen, versions.data, setParams]);
  return [chosen, (hash) => setParams({ package: hash })];
}


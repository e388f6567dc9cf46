import { Select } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { api, data } from '../../api/client.ts';
import { instancesText as t } from './instancesText.ts';

export interface VersionOption {
  hash: string;
  title: string;
  year: number;
  procedure: string;
  regionCode: string;
  active: boolean;
}

/** The region's deployed package versions, newest first (GET /api/packages). */
export function useVersions() {
  return useQuery({ queryKey: ['packages'], queryFn: () => data(api.GET('/api/packages', {})) });
}

/** A package version picker; `filter` narrows the list (e.g. the same procedure as the source). */
export function VersionSelect({ value, onChange, testId, filter, placeholder }: { value: string | undefined; onChange: (hash: string) => void; testId: string; filter?: (v: VersionOption) => boolean; placeholder?: string }) {
  const versions = useVersions();
  const list = (versions.data ?? []).filter((v) => !filter || filter(v));
  return (
    <Select
      showSearch={{ optionFilterProp: 'label' }}
      style={{ minWidth: 420 }}
      placeholder={placeholder ?? t.versionPlaceholder}
      loading={versions.isPending}
      value={value}
      onChange={onChange}
      data-testid={testId}
      options={list.map((v) => ({ value: v.hash, label: t.versionLabel(v.title, v.year, v.hash, v.active) }))}
    />
  );
}

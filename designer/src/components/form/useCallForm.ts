import { useQuery } from '@tanstack/react-query';
import { api, data } from '../../api/client.ts';

/** A package version's form (schema, ui, attachment rules): immutable per hash, so read once. */
export function useCallForm(hash: string | undefined, formId: string) {
  return useQuery({
    queryKey: ['call-form', hash, formId],
    enabled: !!hash,
    staleTime: Infinity,
    queryFn: () => data(api.GET('/api/calls/{hash}/forms/{formId}', { params: { path: { hash: hash!, formId } } })),
  });
}

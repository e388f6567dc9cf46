import { useQuery } from '@tanstack/react-query';
import { api, data } from '../api/client.ts';

/** Open tasks of the signed-in reviewer, for the 待办 badge: the list's total, one row fetched. */
export function useTodoCount(enabled: boolean): { count: number; more: boolean } | undefined {
  const q = useQuery({
    queryKey: ['tasks', 'todo-count'],
    enabled,
    queryFn: () => data(api.GET('/api/tasks', { params: { query: { tab: 'todo', pageSize: 1 } } })),
    refetchInterval: 60_000,
  });
  return q.data ? { count: q.data.total, more: false } : undefined;
}

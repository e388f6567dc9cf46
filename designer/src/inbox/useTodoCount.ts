import { useQuery } from '@tanstack/react-query';
import { api, data } from '../api/client.ts';

const MAX = 100;

/** Open tasks of the signed-in reviewer, for the 待办 badge ("100+" when there are more than one page). */
export function useTodoCount(enabled: boolean): { count: number; more: boolean } | undefined {
  const q = useQuery({
    queryKey: ['tasks', 'todo-count'],
    enabled,
    queryFn: () => data(api.GET('/api/tasks', { params: { query: { limit: MAX } } })),
    refetchInterval: 60_000,
  });
  return q.data ? { count: q.data.items.length, more: q.data.nextCursor !== null } : undefined;
}

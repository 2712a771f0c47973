// Accounts (administrators) through the query cache. The panel writes the server's answer to a
// change or a new account into the list (`accountSaved`), so the list never waits for a second request.
import { useQuery } from '@tanstack/react-query';
import { fetchUsers, type UserAccount } from '../api/endpoints-users.ts';
import { queryClient } from '../api/query-client.ts';
import { useViewer, type Viewer } from './viewer.ts';

export const userKeys = {
  all: ['users'] as const,
  list: (viewer: Viewer) => ['users', viewer, 'list'] as const,
};

export function useAccounts() {
  const viewer = useViewer();
  return useQuery({ queryKey: userKeys.list(viewer ?? ''), queryFn: ({ signal }) => fetchUsers(signal), enabled: viewer !== null, staleTime: 0 });
}

/** An account as the server answered a change or a creation: replaced in the cached list, or added to it. */
export function accountSaved(viewer: Viewer, account: UserAccount): void {
  queryClient.setQueryData<UserAccount[]>(userKeys.list(viewer), (list) =>
    list?.some((x) => x.id === account.id) ? list.map((x) => (x.id === account.id ? account : x)) : [...(list ?? []), account]);
}

// The app's one TanStack Query client (map and dashboard): caching and de-duplication of requests,
// so components ask for data by key instead of each fetching and guarding against stale answers.
import { QueryClient } from '@tanstack/react-query';

export const queryClient = new QueryClient({ defaultOptions: { queries: { staleTime: 60_000, retry: 1, refetchOnWindowFocus: false } } });

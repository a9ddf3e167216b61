import { MutationCache, QueryCache, QueryClient } from "@tanstack/react-query";
import { ApiError } from "./api/apiError";
import { sessionKey } from "./hooks/useSession";

// These codes mean the session itself changed under us (expired, signed out elsewhere, or a
// password change is now required): re-ask the server who we are and let the app route.
const sessionCodes = new Set(["not_signed_in", "password_change_required"]);

function shouldRetry(failureCount: number, error: unknown): boolean {
  // A 4xx answer will not change on retry; only a lost connection or a 5xx might.
  if (error instanceof ApiError && error.status >= 400 && error.status < 500) return false;
  return failureCount < 2;
}

export function createQueryClient(): QueryClient {
  const queryClient: QueryClient = new QueryClient({
    queryCache: new QueryCache({ onError: handleError }),
    mutationCache: new MutationCache({ onError: handleError }),
    defaultOptions: {
      queries: { retry: shouldRetry, refetchOnWindowFocus: false, staleTime: 30_000 },
      mutations: { retry: false },
    },
  });

  function handleError(error: unknown): void {
    if (error instanceof ApiError && sessionCodes.has(error.code)) {
      void queryClient.invalidateQueries({ queryKey: sessionKey });
    }
  }

  return queryClient;
}

import { useMutation, useQuery, useQueryClient, type QueryClient } from "@tanstack/react-query";
import type { Me } from "../api/schemas";
import {
  changePassword,
  confirmTotp,
  fetchCurrentUser,
  signIn,
  signOut,
  startTotpEnrolment,
  type ChangePasswordInput,
  type SignInInput,
} from "../api/session";

export const sessionKey = ["session"] as const;

// Forget every cached answer except the session itself: removing the session query would detach
// the observer the app routes on, so it is overwritten instead.
function forgetOtherQueries(queryClient: QueryClient): void {
  queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== sessionKey[0] });
}

/** The signed-in user (null when signed out); every scene decides what to show from this. */
export function useSession() {
  return useQuery({ queryKey: sessionKey, queryFn: fetchCurrentUser, staleTime: Infinity });
}

export function useSignIn() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: SignInInput) => signIn(input),
    onSuccess: (me: Me) => {
      // Drop anything cached for a previous user before the new one sees a scene.
      forgetOtherQueries(queryClient);
      queryClient.setQueryData(sessionKey, me);
    },
  });
}

export function useSignOut() {
  return useMutation({
    mutationFn: signOut,
    // A full page load, not a client-side route change: it drops every cached answer and the
    // CSRF token from memory, which matters on a shared workstation, and lands on a plain
    // sign-in page rather than one that would return the next person to this page.
    onSettled: () => window.location.assign("/sign-in"),
  });
}

export function useChangePassword() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: ChangePasswordInput) => changePassword(input),
    onSuccess: (me: Me) => queryClient.setQueryData(sessionKey, me),
  });
}

export function useStartTotpEnrolment() {
  return useMutation({
    mutationFn: (currentPassword: string) => startTotpEnrolment(currentPassword),
  });
}

export function useConfirmTotp() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (code: string) => confirmTotp(code),
    onSuccess: (me: Me) => queryClient.setQueryData(sessionKey, me),
  });
}

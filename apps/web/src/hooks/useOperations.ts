import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import {
  addMember,
  fetchOperation,
  fetchOperations,
  removeMember,
  setRequireTotp,
  type AddMemberInput,
} from "../api/operations";

export const operationsKey = ["operations"] as const;

export function operationKey(operationId: string) {
  return ["operations", operationId] as const;
}

export function useOperations() {
  return useQuery({ queryKey: operationsKey, queryFn: fetchOperations });
}

export function useOperation(operationId: string) {
  return useQuery({
    queryKey: operationKey(operationId),
    queryFn: () => fetchOperation(operationId),
  });
}

// Membership and security changes alter both the operation page and the list (role, badges),
// so each mutation refreshes everything under ["operations"].
function useOperationMutation<TInput, TResult>(mutationFn: (input: TInput) => Promise<TResult>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: operationsKey }),
  });
}

export function useAddMember(operationId: string) {
  return useOperationMutation((input: AddMemberInput) => addMember(operationId, input));
}

export function useRemoveMember(operationId: string) {
  return useOperationMutation((userId: string) => removeMember(operationId, userId));
}

export function useSetRequireTotp(operationId: string) {
  return useOperationMutation((requireTotp: boolean) => setRequireTotp(operationId, requireTotp));
}

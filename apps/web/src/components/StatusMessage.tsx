import type { ReactNode } from "react";

interface StatusMessageProps {
  children: ReactNode;
}

/** A calm confirmation or instruction, announced politely. */
export function StatusMessage({ children }: StatusMessageProps) {
  return (
    <p role="status" className="message message-status">
      {children}
    </p>
  );
}

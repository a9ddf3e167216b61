import { describeError } from "../api/apiError";

interface ErrorMessageProps {
  error: unknown;
}

/** An error the user should notice now: announced by screen readers as it appears. */
export function ErrorMessage({ error }: ErrorMessageProps) {
  if (error === null || error === undefined) return null;
  return (
    <p role="alert" className="message message-error">
      {describeError(error)}
    </p>
  );
}

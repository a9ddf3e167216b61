/** A field-level validation message from a problem+json response. */
export interface FieldError {
  field: string;
  message: string;
}

/**
 * A failed API call. `code` is the server's stable code (or a client-side one such as
 * `network_error`), `detail` is the sentence to show the user.
 */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly detail: string;
  readonly fieldErrors: FieldError[];

  constructor(options: {
    status: number;
    code: string;
    detail: string;
    fieldErrors?: FieldError[];
    cause?: unknown;
  }) {
    super(options.detail, { cause: options.cause });
    this.name = "ApiError";
    this.status = options.status;
    this.code = options.code;
    this.detail = options.detail;
    this.fieldErrors = options.fieldErrors ?? [];
  }
}

export function isApiError(error: unknown, code?: string): error is ApiError {
  return error instanceof ApiError && (code === undefined || error.code === code);
}

/** The message to show for any error a query or mutation can throw. */
export function describeError(error: unknown): string {
  if (error instanceof ApiError) return error.detail;
  return "Something went wrong in the console. Reload the page; if it happens again, tell your administrator.";
}

/** The server's message for one field, to show next to it (none when the error is not about it). */
export function fieldErrorOf(error: unknown, field: string): string | undefined {
  if (!(error instanceof ApiError)) return undefined;
  return error.fieldErrors.find((entry) => entry.field === field)?.message;
}

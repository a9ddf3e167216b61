import { useId, type TextareaHTMLAttributes } from "react";

interface TextAreaFieldProps extends Omit<
  TextareaHTMLAttributes<HTMLTextAreaElement>,
  "id" | "onChange"
> {
  label: string;
  value: string;
  onValueChange: (value: string) => void;
  hint?: string;
  fieldError?: string | undefined;
}

/** A labelled multi-line input with an optional hint and field error (see TextField). */
export function TextAreaField({
  label,
  value,
  onValueChange,
  hint,
  fieldError,
  ...props
}: TextAreaFieldProps) {
  const id = useId();
  const describedBy = [hint ? `${id}-hint` : null, fieldError ? `${id}-error` : null]
    .filter(Boolean)
    .join(" ");
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {hint ? (
        <p id={`${id}-hint`} className="field-hint">
          {hint}
        </p>
      ) : null}
      <textarea
        {...props}
        id={id}
        value={value}
        onChange={(event) => onValueChange(event.target.value)}
        aria-invalid={fieldError ? true : undefined}
        aria-describedby={describedBy || undefined}
      />
      {fieldError ? (
        <p id={`${id}-error`} className="field-error">
          {fieldError}
        </p>
      ) : null}
    </div>
  );
}

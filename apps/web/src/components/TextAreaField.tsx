import type { TextareaHTMLAttributes } from "react";
import { Field } from "./Field";

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
  return (
    <Field label={label} hint={hint} fieldError={fieldError}>
      {(control) => (
        <textarea
          {...props}
          {...control}
          value={value}
          onChange={(event) => onValueChange(event.target.value)}
        />
      )}
    </Field>
  );
}

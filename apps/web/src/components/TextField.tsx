import type { InputHTMLAttributes, Ref } from "react";
import { Field } from "./Field";

interface TextFieldProps extends Omit<InputHTMLAttributes<HTMLInputElement>, "id" | "onChange"> {
  label: string;
  value: string;
  onValueChange: (value: string) => void;
  hint?: string;
  fieldError?: string;
  ref?: Ref<HTMLInputElement>;
}

/** A labelled input with an optional hint and field error, both tied to it for screen readers. */
export function TextField({
  label,
  value,
  onValueChange,
  hint,
  fieldError,
  ref,
  ...inputProps
}: TextFieldProps) {
  return (
    <Field label={label} hint={hint} fieldError={fieldError}>
      {(control) => (
        <input
          {...inputProps}
          {...control}
          ref={ref}
          value={value}
          onChange={(event) => onValueChange(event.target.value)}
        />
      )}
    </Field>
  );
}

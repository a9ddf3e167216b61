import type { Operation } from "../api/schemas";
import { useSetRequireTotp } from "../hooks/useOperations";
import { ErrorMessage } from "./ErrorMessage";

interface SecuritySettingProps {
  operation: Operation;
}

/** Operation admins switch the second-factor requirement; the record above shows the result. */
export function SecuritySetting({ operation }: SecuritySettingProps) {
  const setRequireTotp = useSetRequireTotp(operation.id);

  function handleToggle() {
    setRequireTotp.mutate(!operation.requireTotp);
  }

  return (
    <section aria-labelledby="security-heading" className="section">
      <h2 id="security-heading">Security</h2>
      <p>
        {operation.requireTotp
          ? "Team members must use two-factor sign-in to open this operation."
          : "Team members can open this operation with a password alone."}
      </p>
      <ErrorMessage error={setRequireTotp.error} />
      <button
        type="button"
        className="button"
        onClick={handleToggle}
        disabled={setRequireTotp.isPending}
      >
        {operation.requireTotp ? "Stop requiring a second factor" : "Require a second factor"}
      </button>
    </section>
  );
}

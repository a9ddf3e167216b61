interface OneTimePasswordNoticeProps {
  username: string;
  password: string;
  onDone: () => void;
}

/** A one-time password, shown once: the administrator hands it over, the person replaces it. */
export function OneTimePasswordNotice({ username, password, onDone }: OneTimePasswordNoticeProps) {
  return (
    <div role="status" className="message message-status one-time-password">
      <p>
        One-time password for <strong>{username}</strong>:{" "}
        <code className="secret" data-testid="one-time-password">
          {password}
        </code>
      </p>
      <p>
        Give it to them in person or over a trusted channel. It is shown only now; at first sign-in
        they choose their own password.
      </p>
      <button type="button" className="button" onClick={onDone}>
        I have handed it over
      </button>
    </div>
  );
}

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { fieldErrorOf } from "../../api/apiError";
import { addNetwork } from "../../api/venues";
import { ErrorMessage } from "../../components/ErrorMessage";
import { SelectField } from "../../components/SelectField";
import { TextField } from "../../components/TextField";

/** A supervisor's or administrator's form to add a chat network account and its rooms. */
export function AddNetworkForm({ operationId }: { operationId: string }) {
  const queryClient = useQueryClient();
  const [protocol, setProtocol] = useState<"irc" | "xmpp">("irc");
  const [host, setHost] = useState("");
  const [port, setPort] = useState("6697");
  const [tls, setTls] = useState(true);
  const [accountName, setAccountName] = useState("");
  const [secret, setSecret] = useState("");
  const [rooms, setRooms] = useState("");
  const add = useMutation({
    mutationFn: () =>
      addNetwork(operationId, {
        protocol,
        host,
        port: Number(port),
        tls,
        accountName,
        ...(secret ? { secret } : {}),
        rooms: rooms
          .split(/[\s,]+/)
          .map((room) => room.trim())
          .filter(Boolean),
      }),
    onSuccess: () => {
      setSecret("");
      setRooms("");
      void queryClient.invalidateQueries({ queryKey: ["venues", operationId] });
    },
  });
  const handleSubmit = (event: FormEvent) => {
    event.preventDefault();
    add.mutate();
  };
  return (
    <section aria-labelledby="add-network-heading">
      <h2 id="add-network-heading">Add a network</h2>
      <form className="form venue-form" onSubmit={handleSubmit} noValidate>
        <SelectField
          label="Protocol"
          value={protocol}
          onValueChange={(value) => setProtocol(value as "irc" | "xmpp")}
        >
          <option value="irc">IRC</option>
          <option value="xmpp">XMPP</option>
        </SelectField>
        <TextField
          label="Server host"
          hint="Such as irc.example.org"
          value={host}
          onValueChange={setHost}
          fieldError={fieldErrorOf(add.error, "host")}
        />
        <TextField
          label="Port"
          inputMode="numeric"
          value={port}
          onValueChange={setPort}
          fieldError={fieldErrorOf(add.error, "port")}
        />
        <div className="field">
          <label className="checkbox-label">
            <input
              type="checkbox"
              checked={tls}
              onChange={(event) => setTls(event.target.checked)}
            />{" "}
            Connect with TLS
          </label>
        </div>
        <TextField
          label="Account"
          hint="The nick or JID the persona signs in with"
          value={accountName}
          onValueChange={setAccountName}
          fieldError={fieldErrorOf(add.error, "accountName")}
        />
        <TextField
          label="Password (optional)"
          hint="Stored encrypted; it is never shown again"
          type="password"
          autoComplete="off"
          value={secret}
          onValueChange={setSecret}
          fieldError={fieldErrorOf(add.error, "secret")}
        />
        <TextField
          label="Rooms"
          hint="Channels such as #lobby, separated by spaces; each must be in the authorization"
          value={rooms}
          onValueChange={setRooms}
          fieldError={fieldErrorOf(add.error, "rooms")}
        />
        <ErrorMessage error={add.error} />
        <div className="form-actions">
          <button type="submit" className="button button-primary" disabled={add.isPending}>
            Add network
          </button>
        </div>
      </form>
    </section>
  );
}

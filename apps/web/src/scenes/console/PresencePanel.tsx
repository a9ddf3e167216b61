import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { fieldErrorOf } from "../../api/apiError";
import { addTrainingCounterpart, goPresent } from "../../api/console";
import { TextField } from "../../components/TextField";

interface PresencePanelProps {
  operationId: string;
  presences: { venueAddress: string }[];
  /** Behaviour scripts of the training range; empty in a real operation (none may be sent). */
  behaviours: { id: string; title: string }[];
  onError: (error: unknown) => void;
  onSuccess: () => void;
}

/** Going present in a venue, and (in training) sending a synthetic counterpart. */
export function PresencePanel({
  operationId,
  presences,
  behaviours,
  onError,
  onSuccess,
}: PresencePanelProps) {
  const queryClient = useQueryClient();
  const [venue, setVenue] = useState("training://lobby");
  const [displayName, setDisplayName] = useState("ana_ph");
  const [behaviour, setBehaviour] = useState(behaviours[0]?.id ?? "");
  const present = useMutation({
    mutationFn: () => goPresent(operationId, venue, displayName),
    onSuccess: () => {
      onSuccess();
      void queryClient.invalidateQueries({ queryKey: ["console", operationId] });
    },
    onError,
  });
  const spawn = useMutation({
    mutationFn: () => addTrainingCounterpart(operationId, venue, behaviour),
    onSuccess,
    onError,
  });
  const handlePresent = (event: FormEvent) => {
    event.preventDefault();
    present.mutate();
  };
  const isPresent = presences.some(
    (presence) => presence.venueAddress === venue.trim().toLowerCase(),
  );
  return (
    <section className="presence-panel" aria-label="Presence">
      <form className="presence-row" onSubmit={handlePresent} noValidate>
        <div className="presence-venue">
          <TextField
            label="Venue"
            value={venue}
            onValueChange={setVenue}
            fieldError={fieldErrorOf(present.error, "venueAddress")}
          />
        </div>
        <div className="presence-name">
          <TextField
            label="Persona display name"
            value={displayName}
            onValueChange={setDisplayName}
            fieldError={fieldErrorOf(present.error, "displayName")}
          />
        </div>
        <button type="submit" className="button button-primary" disabled={present.isPending}>
          Go present
        </button>
        <span className="muted presence-status" role="status">
          {presences.length > 0
            ? `Present in ${presences.map((presence) => presence.venueAddress).join(", ")}`
            : "Not present in any venue"}
        </span>
      </form>
      {isPresent && venue.startsWith("training://") && behaviours.length > 0 ? (
        <form
          className="presence-row presence-training"
          onSubmit={(event) => {
            event.preventDefault();
            spawn.mutate();
          }}
        >
          <label className="field presence-counterpart">
            <span>Training counterpart</span>
            <select value={behaviour} onChange={(event) => setBehaviour(event.target.value)}>
              {behaviours.map((option) => (
                <option key={option.id} value={option.id}>
                  {option.title}
                </option>
              ))}
            </select>
          </label>
          <button type="submit" className="button" disabled={spawn.isPending}>
            Send a counterpart
          </button>
        </form>
      ) : null}
    </section>
  );
}

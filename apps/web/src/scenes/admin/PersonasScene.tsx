import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { Link } from "wouter";
import { fieldErrorOf } from "../../api/apiError";
import { createPersona, fetchPersonas, type Persona } from "../../api/administration";
import type { Me } from "../../api/schemas";
import { Badge } from "../../components/Badge";
import { ErrorMessage } from "../../components/ErrorMessage";
import { OperationBanner } from "../../components/OperationBanner";
import { PageTitle } from "../../components/PageTitle";
import { TextField } from "../../components/TextField";
import { useOperation } from "../../hooks/useOperations";

/** The operation's personas: the declared child identities its operators speak as. */
export function PersonasScene({ me, operationId }: { me: Me; operationId: string }) {
  const operation = useOperation(operationId);
  const personas = useQuery({
    queryKey: ["personas", operationId],
    queryFn: () => fetchPersonas(operationId),
  });
  const canManage = operation.data ? operation.data.role === "admin" || me.isAdmin : false;
  return (
    <>
      <p className="back-link">
        <Link href={`/operations/${encodeURIComponent(operationId)}`}>
          <span aria-hidden="true">← </span>The operation
        </Link>
      </p>
      <OperationBanner me={me} operationId={operationId} />
      <PageTitle title="Personas" />
      <p className="muted">
        A persona speaks only through the team (S2). Typed messages that state another age or
        another place than declared here are held until the operator confirms them.
      </p>
      <ErrorMessage error={operation.error ?? personas.error} />
      {personas.data?.length === 0 ? <p>No persona is declared yet.</p> : null}
      {personas.data && personas.data.length > 0 ? (
        <ul className="persona-list">
          {personas.data.map((persona) => (
            <PersonaCard key={persona.id} persona={persona} />
          ))}
        </ul>
      ) : null}
      {canManage && operation.data ? (
        <NewPersonaForm
          operationId={operationId}
          personaAge={operation.data.operation.authorization.personaAge}
        />
      ) : null}
    </>
  );
}

function PersonaCard({ persona }: { persona: Persona }) {
  return (
    <li className="section">
      <h2>
        {persona.name} {persona.inUse ? <Badge>In use: fixed by the evidence</Badge> : null}
      </h2>
      <dl className="record">
        <div className="record-row">
          <dt>Age</dt>
          <dd>{persona.age}</dd>
        </div>
        <div className="record-row">
          <dt>Gender</dt>
          <dd>{persona.gender}</dd>
        </div>
        <div className="record-row">
          <dt>Lives in</dt>
          <dd>{persona.location}</dd>
        </div>
        <div className="record-row">
          <dt>Display names</dt>
          <dd>{persona.displayNames.join(", ")}</dd>
        </div>
      </dl>
    </li>
  );
}

function NewPersonaForm({ operationId, personaAge }: { operationId: string; personaAge: number }) {
  const queryClient = useQueryClient();
  const [name, setName] = useState("");
  const [gender, setGender] = useState("girl");
  const [location, setLocation] = useState("");
  const [displayNames, setDisplayNames] = useState("");
  const create = useMutation({
    mutationFn: () =>
      createPersona(operationId, {
        name,
        age: personaAge,
        gender,
        location,
        displayNames: displayNames
          .split(",")
          .map((entry) => entry.trim())
          .filter(Boolean),
      }),
    onSuccess: () => {
      setName("");
      setLocation("");
      setDisplayNames("");
      void queryClient.invalidateQueries({ queryKey: ["personas", operationId] });
    },
  });
  const error = (field: string) => fieldErrorOf(create.error, field);

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    create.mutate();
  }

  return (
    <section aria-labelledby="new-persona-heading" className="section">
      <h2 id="new-persona-heading">Declare a persona</h2>
      <form onSubmit={handleSubmit} className="form" noValidate>
        <ErrorMessage error={create.error} />
        <p className="muted">
          Age {personaAge}, as the authorization names. Another age needs a new authorization.
        </p>
        <div className="form-row">
          <TextField
            label="Name"
            name="personaName"
            required
            value={name}
            onValueChange={setName}
            fieldError={error("name")}
          />
          <TextField
            label="Gender"
            name="personaGender"
            required
            value={gender}
            onValueChange={setGender}
            fieldError={error("gender")}
          />
        </div>
        <TextField
          label="Where the persona lives"
          name="personaLocation"
          hint="e.g. Cebu, Philippines."
          required
          value={location}
          onValueChange={setLocation}
          fieldError={error("location")}
        />
        <TextField
          label="Display names"
          name="personaDisplayNames"
          hint="Separated by commas."
          required
          value={displayNames}
          onValueChange={setDisplayNames}
          fieldError={error("displayNames")}
        />
        <div className="form-actions">
          <button type="submit" className="button button-primary" disabled={create.isPending}>
            Declare persona
          </button>
        </div>
      </form>
    </section>
  );
}

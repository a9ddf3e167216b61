import { useQuery } from "@tanstack/react-query";
import cytoscape from "cytoscape";
import { useEffect, useRef } from "react";
import { Link } from "wouter";
import { fetchSubjectGraph, type SubjectGraph } from "../../api/identity";
import type { Me } from "../../api/schemas";
import { ErrorMessage } from "../../components/ErrorMessage";
import { OperationBanner } from "../../components/OperationBanner";
import { PageTitle } from "../../components/PageTitle";

const COLOURS = { subject: "#7a1f3d", identifier: "#1f5f7a", conversation: "#4a6a1f" };

// Cytoscape adds a <style> element to the page unless one with this id exists; the console's
// CSP refuses inline styles, so a placeholder takes its id and identity.css gives the container
// the one rule it would have added (position: relative).
const CYTOSCAPE_STYLESHEET_ID = "__________cytoscape_stylesheet";
function claimCytoscapeStylesheet() {
  if (document.getElementById(CYTOSCAPE_STYLESHEET_ID)) return;
  const placeholder = document.createElement("template");
  placeholder.id = CYTOSCAPE_STYLESHEET_ID;
  document.head.append(placeholder);
}

/** Draws the graph on a canvas. */
function GraphCanvas({ graph }: { graph: SubjectGraph }) {
  const container = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!container.current) return;
    claimCytoscapeStylesheet();
    const cy = cytoscape({
      container: container.current,
      elements: [
        ...graph.nodes.map((n) => ({ data: { id: n.id, label: n.label, kind: n.kind } })),
        ...graph.edges.map((e) => ({
          data: { id: e.id, source: e.source, target: e.target, label: e.label },
        })),
      ],
      style: [
        {
          selector: "node",
          style: {
            label: "data(label)",
            "font-size": 12,
            "text-valign": "bottom",
            "text-margin-y": 4,
            "background-color": (node: cytoscape.NodeSingular) =>
              COLOURS[node.data("kind") as keyof typeof COLOURS] ?? "#555",
            width: 22,
            height: 22,
          },
        },
        {
          selector: "edge",
          style: {
            label: "data(label)",
            "font-size": 10,
            color: "#555",
            "curve-style": "bezier",
            "line-color": "#999",
            width: 1.5,
          },
        },
      ],
      layout: { name: "cose", animate: false, padding: 30 },
      userZoomingEnabled: true,
    });
    return () => cy.destroy();
  }, [graph]);
  return (
    <div
      ref={container}
      className="subject-graph"
      role="img"
      aria-label="Graph of the subject, identifiers and conversations"
    />
  );
}

export function SubjectGraphScene({
  me,
  operationId,
  subjectId,
}: {
  me: Me;
  operationId: string;
  subjectId: string;
}) {
  const graph = useQuery({
    queryKey: ["subject-graph", operationId, subjectId],
    queryFn: () => fetchSubjectGraph(operationId, subjectId),
  });
  return (
    <>
      <OperationBanner me={me} operationId={operationId} />
      <p className="back-link">
        <Link href={`/operations/${operationId}/subjects/${subjectId}`}>
          <span aria-hidden="true">← </span>Back to the subject
        </Link>
      </p>
      <PageTitle title="Graph view" />
      {graph.isPending ? <p className="muted">Loading…</p> : null}
      {graph.isError ? <ErrorMessage error={graph.error} /> : null}
      {graph.data ? (
        <>
          <GraphCanvas graph={graph.data} />
          <h2>The same, as a list</h2>
          <ul>
            {graph.data.edges.map((e) => {
              const label = (id: string) => graph.data.nodes.find((n) => n.id === id)?.label ?? id;
              return (
                <li key={e.id}>
                  {label(e.source)} — {e.label} — {label(e.target)}
                </li>
              );
            })}
          </ul>
        </>
      ) : null}
    </>
  );
}

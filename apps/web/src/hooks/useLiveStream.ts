import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";

export type LiveStatus = "connecting" | "live" | "closed";

/**
 * The one WebSocket of the live console. Frames carry the REST presenters' JSON; the console
 * simply refreshes what they touch, so REST stays the single source of truth for the screen.
 */
export function useLiveStream(operationId: string): LiveStatus {
  const queryClient = useQueryClient();
  const [status, setStatus] = useState<LiveStatus>("connecting");

  useEffect(() => {
    let stopped = false;
    let socket: WebSocket | null = null;
    let retry: ReturnType<typeof setTimeout> | undefined;
    const connect = () => {
      const scheme = window.location.protocol === "https:" ? "wss" : "ws";
      socket = new WebSocket(
        `${scheme}://${window.location.host}/api/operations/${encodeURIComponent(operationId)}/live`,
      );
      socket.addEventListener("open", () => setStatus("live"));
      socket.addEventListener("message", (event: MessageEvent<string>) => {
        let frame: { type?: string; conversations?: { id: string }[] };
        try {
          frame = JSON.parse(event.data) as typeof frame;
        } catch {
          return;
        }
        if (frame.type === "hello") return;
        void queryClient.invalidateQueries({ queryKey: ["console", operationId] });
        void queryClient.invalidateQueries({ queryKey: ["review", operationId] });
        void queryClient.invalidateQueries({ queryKey: ["dashboard", operationId] });
        for (const conversation of frame.conversations ?? []) {
          void queryClient.invalidateQueries({
            queryKey: ["conversation", operationId, conversation.id],
          });
          void queryClient.invalidateQueries({
            queryKey: ["history", operationId, conversation.id],
          });
        }
      });
      socket.addEventListener("close", (event) => {
        setStatus("closed");
        // 4403: access was withdrawn; do not knock again.
        if (!stopped && event.code !== 4403) retry = setTimeout(connect, 2_000);
      });
    };
    connect();
    return () => {
      stopped = true;
      if (retry) clearTimeout(retry);
      socket?.close();
    };
  }, [operationId, queryClient]);

  return status;
}

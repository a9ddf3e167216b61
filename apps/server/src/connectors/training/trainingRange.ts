import { randomUUID } from "node:crypto";
import {
  ConnectorError,
  type Connector,
  type ConnectorStatus,
  type DepartureListener,
  type IncomingPrivateMessage,
  type PresenceRequest,
  type PrivateMessageListener,
  type PrivateMessageTarget,
  type StatusListener,
} from "../connector";
import { loadBehaviourScripts, type BehaviourScript } from "./behaviourScript";
import { ScriptedCounterpart, type LeaveReason } from "./scriptedCounterpart";
import { jitter, seededRandom } from "./seededRandom";
import { realTimers, type TimerHandle, type Timers } from "./timers";

export const TRAINING_SCHEME = "training://";

export interface TrainingRangeOptions {
  behaviours?: BehaviourScript[];
  timers?: Timers;
  /** Same seed, same counterparts, nicknames and timings. */
  seed?: number;
}

export interface CounterpartInfo {
  id: string;
  handle: string;
  behaviourId: string;
  venueAddress: string;
  state: "running" | "waiting" | "left";
  leftBecause?: LeaveReason;
}

export interface TrafficOptions {
  venueAddress: string;
  /** How many counterparts talk at once; one that leaves is replaced. */
  counterparts: number;
  /** Messages per second across all counterparts. */
  ratePerSecond: number;
  /** Behaviours to draw from (default: all). */
  behaviourIds?: string[];
}

interface LiveCounterpart {
  counterpart: ScriptedCounterpart;
  venueAddress: string;
  leftBecause?: LeaveReason;
  onLeft?: () => void;
}

/**
 * The training range: simulated public rooms (`training://<room>`) where synthetic counterparts,
 * driven by behaviour scripts, approach the persona by private message. It is a connector like
 * any other, so the console, ingest and benchmarks run the same path as on a real network.
 */
export class TrainingRange implements Connector {
  readonly protocol = "training" as const;
  private readonly behaviours: Map<string, BehaviourScript>;
  private readonly timers: Timers;
  private readonly random: () => number;
  private connected = false;
  private readonly presence = new Map<string, string>();
  private readonly listeners = new Set<PrivateMessageListener>();
  private readonly departureListeners = new Set<DepartureListener>();
  private readonly statusListeners = new Set<StatusListener>();
  private readonly counterparts = new Map<string, LiveCounterpart>();
  private readonly usedHandles = new Set<string>();
  private readonly faults = new Map<string, { until: number; timer: TimerHandle }>();
  private nextCounterpart = 1;
  // Counterpart ids must not repeat across ranges (server processes, restarts) that share a
  // database, or two counterparts would share one conversation; the seed only drives behaviour.
  private readonly instanceTag = randomUUID().slice(0, 8);

  constructor(options: TrainingRangeOptions = {}) {
    const behaviours = options.behaviours ?? loadBehaviourScripts();
    this.behaviours = new Map(behaviours.map((script) => [script.id, script]));
    this.timers = options.timers ?? realTimers;
    this.random = seededRandom(options.seed ?? 1);
  }

  async connect(): Promise<void> {
    this.connected = true;
    this.announceStatus();
  }

  status(): ConnectorStatus {
    const at = new Date(this.timers.now());
    const base = { attempt: 0, retryAt: null, detail: null, at };
    if (!this.connected) return { ...base, state: "disconnected" };
    if (this.isFaulted(ALL)) {
      return {
        ...base,
        state: "faulted",
        detail: "Simulated technical problem.",
        retryAt: new Date(this.faults.get(ALL)!.until),
      };
    }
    return { ...base, state: "connected" };
  }

  onStatus(listener: StatusListener): () => void {
    this.statusListeners.add(listener);
    return () => this.statusListeners.delete(listener);
  }

  async goPresent(request: PresenceRequest): Promise<void> {
    this.requireConnected();
    if (!request.venueAddress.startsWith(TRAINING_SCHEME)) {
      throw new ConnectorError(
        "unknown_venue",
        `The training range only has rooms named ${TRAINING_SCHEME}<room>; "${request.venueAddress}" is not one.`,
      );
    }
    this.requireNotFaulted(ALL);
    this.presence.set(request.venueAddress, request.displayName);
  }

  async leave(venueAddress: string): Promise<void> {
    this.presence.delete(venueAddress);
    for (const live of this.counterparts.values()) {
      if (live.venueAddress === venueAddress) live.counterpart.leave("persona_left");
    }
  }

  isPresent(venueAddress: string): boolean {
    return this.presence.has(venueAddress);
  }

  onPrivateMessage(listener: PrivateMessageListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  onCounterpartLeft(listener: DepartureListener): () => void {
    this.departureListeners.add(listener);
    return () => this.departureListeners.delete(listener);
  }

  async send(target: PrivateMessageTarget, text: string): Promise<void> {
    this.requireConnected();
    this.requireNotFaulted(ALL);
    this.requireNotFaulted(target.counterpartId);
    const live = this.counterparts.get(target.counterpartId);
    if (!live || live.venueAddress !== target.venueAddress) {
      throw new ConnectorError(
        "unknown_counterpart",
        `No counterpart "${target.counterpartId}" in ${target.venueAddress}; the conversation may be from an earlier session.`,
      );
    }
    // A counterpart who already left simply does not read it, as on a real network.
    live.counterpart.receiveReply(text);
  }

  /**
   * Simulates a technical problem. With a target, only that contact sees the persona drop (the
   * break-off move); without one, the persona's whole connection is down for `seconds`.
   */
  async fault(seconds: number, target?: PrivateMessageTarget): Promise<void> {
    const key = target?.counterpartId ?? ALL;
    const existing = this.faults.get(key);
    if (existing) this.timers.clearTimeout(existing.timer);
    const timer = this.timers.setTimeout(() => {
      this.faults.delete(key);
      if (key === ALL) this.announceStatus();
    }, seconds * 1000);
    this.faults.set(key, { until: this.timers.now() + seconds * 1000, timer });
    if (key === ALL) this.announceStatus();
    for (const live of this.counterparts.values()) {
      if (key === ALL || live.counterpart.id === key) live.counterpart.leave("persona_dropped");
    }
  }

  async disconnect(): Promise<void> {
    for (const live of this.counterparts.values()) live.counterpart.leave("range_closed");
    for (const fault of this.faults.values()) this.timers.clearTimeout(fault.timer);
    this.faults.clear();
    this.presence.clear();
    this.connected = false;
    this.announceStatus();
  }

  behaviourIds(): string[] {
    return [...this.behaviours.keys()];
  }

  /** A counterpart running `behaviourId` approaches the persona in the venue. */
  spawn(
    behaviourId: string,
    venueAddress: string,
    options: { fixedPaceMs?: number; onLeft?: () => void } = {},
  ): CounterpartInfo {
    this.requireConnected();
    const script = this.behaviours.get(behaviourId);
    if (!script) {
      throw new Error(
        `unknown training behaviour "${behaviourId}"; known: ${this.behaviourIds().join(", ")}`,
      );
    }
    if (!this.presence.has(venueAddress)) {
      throw new ConnectorError(
        "not_present",
        `The persona is not present in ${venueAddress}; go present first.`,
      );
    }
    const id = `tr-${this.instanceTag}-${this.nextCounterpart++}`;
    const handle = this.pickHandle(script);
    const live: LiveCounterpart = {
      venueAddress,
      ...(options.onLeft ? { onLeft: options.onLeft } : {}),
      counterpart: new ScriptedCounterpart(id, handle, script, {
        timers: this.timers,
        random: this.random,
        ...(options.fixedPaceMs !== undefined ? { fixedPaceMs: options.fixedPaceMs } : {}),
        deliver: (bytes) => this.deliver(id, bytes),
        onLeft: (reason) => {
          live.leftBecause = reason;
          this.usedHandles.delete(handle);
          // Only a departure of the counterpart's own: not the persona's break-off or a shutdown.
          if (reason === "script_done" || reason === "no_reply") {
            const departure = { venueAddress, counterpartId: id, at: new Date(this.timers.now()) };
            for (const listener of this.departureListeners) listener(departure);
          }
          live.onLeft?.();
        },
      }),
    };
    this.counterparts.set(id, live);
    live.counterpart.start();
    return this.describe(live);
  }

  /**
   * Keeps `counterparts` talking at once at about `ratePerSecond` messages in total, replacing
   * each one that leaves, until the returned function is called (demos, load and benchmarks).
   */
  startTraffic(options: TrafficOptions): () => void {
    const pool = options.behaviourIds ?? this.behaviourIds();
    if (options.counterparts < 1 || options.ratePerSecond <= 0) {
      throw new Error("traffic needs at least one counterpart and a positive rate");
    }
    const paceMs = (options.counterparts * 1000) / options.ratePerSecond;
    let running = true;
    const started = new Set<string>();
    const launch = () => {
      if (!running) return;
      const behaviourId = pool[Math.floor(this.random() * pool.length)]!;
      const info = this.spawn(behaviourId, options.venueAddress, {
        fixedPaceMs: paceMs,
        onLeft: () => {
          started.delete(info.id);
          // Replace it on the next tick so a leaving counterpart never recurses into spawning.
          this.timers.setTimeout(launch, 0);
        },
      });
      started.add(info.id);
    };
    // Stagger the first wave so the counterparts do not all speak in the same millisecond.
    for (let index = 0; index < options.counterparts; index += 1) {
      this.timers.setTimeout(
        launch,
        jitter(this.random, (paceMs * index) / options.counterparts, 0),
      );
    }
    return () => {
      running = false;
      for (const id of started) this.counterparts.get(id)?.counterpart.leave("range_closed");
    };
  }

  counterpart(id: string): CounterpartInfo | undefined {
    const live = this.counterparts.get(id);
    return live ? this.describe(live) : undefined;
  }

  /** What the persona sent to a counterpart, as the counterpart saw it. */
  receivedBy(id: string): readonly string[] {
    return this.counterparts.get(id)?.counterpart.received ?? [];
  }

  listCounterparts(): CounterpartInfo[] {
    return [...this.counterparts.values()].map((live) => this.describe(live));
  }

  private deliver(counterpartId: string, bytes: Uint8Array): void {
    const live = this.counterparts.get(counterpartId);
    if (!live) return;
    if (
      this.isFaulted(ALL) ||
      this.isFaulted(counterpartId) ||
      !this.presence.has(live.venueAddress)
    )
      return;
    const message: IncomingPrivateMessage = {
      venueAddress: live.venueAddress,
      counterpartId,
      counterpartHandle: live.counterpart.handle,
      bytes,
      receivedAt: new Date(this.timers.now()),
    };
    for (const listener of this.listeners) listener(message);
  }

  private pickHandle(script: BehaviourScript): string {
    const base = script.nicknames[Math.floor(this.random() * script.nicknames.length)]!;
    let handle = base;
    for (let suffix = 2; this.usedHandles.has(handle); suffix += 1) handle = `${base}${suffix}`;
    this.usedHandles.add(handle);
    return handle;
  }

  private describe(live: LiveCounterpart): CounterpartInfo {
    return {
      id: live.counterpart.id,
      handle: live.counterpart.handle,
      behaviourId: live.counterpart.script.id,
      venueAddress: live.venueAddress,
      state: live.counterpart.state,
      ...(live.leftBecause ? { leftBecause: live.leftBecause } : {}),
    };
  }

  private announceStatus(): void {
    const status = this.status();
    for (const listener of this.statusListeners) listener(status);
  }

  private isFaulted(key: string): boolean {
    const fault = this.faults.get(key);
    return fault !== undefined && fault.until > this.timers.now();
  }

  private requireConnected(): void {
    if (!this.connected)
      throw new ConnectorError(
        "not_connected",
        "The training range is not connected; connect first.",
      );
  }

  private requireNotFaulted(key: string): void {
    const fault = this.faults.get(key);
    if (fault && fault.until > this.timers.now()) {
      const seconds = Math.ceil((fault.until - this.timers.now()) / 1000);
      throw new ConnectorError(
        "faulted",
        `The connection is down (simulated technical problem) for ${seconds} more second(s); try again after.`,
      );
    }
  }
}

const ALL = "*";

import { AsyncLocalStorage } from 'node:async_hooks';
import type { SandboxClock } from '../../sandbox/index.js';
import { SeededRandom } from '../../sandbox/core/random.js';

/**
 * Virtual time for the deploy benchmark, so that two runs of the same commit give the same verdicts
 * and the same call counts. The sandbox and every client read one clock that moves only when every
 * actor (our deploy, the SDK waiter, the ground-truth probe, the throttling bursts) sleeps on it;
 * then it jumps to the earliest wake-up and wakes exactly that one actor, and waits for it to sleep
 * again or finish. Actors never run at the same time, so the order of requests, the sandbox's seeded
 * ids and each actor's random numbers (the SDK's retry and waiter jitter: Math.random is seeded per
 * actor) repeat exactly; only the wall time differs. An actor must not sleep twice at once.
 */

interface Sleeper {
  at: number;
  seq: number;
  actor: number;
  wake: () => void;
}

const WATCHDOG_MS = 120_000;

export class VirtualTime implements SandboxClock {
  /** Not tied to real time at all. */
  readonly timeScale = 0;
  private current: number;
  private seq = 0;
  private readonly sleepers: Sleeper[] = [];
  private readonly context = new AsyncLocalStorage<number>();
  private readonly randoms = new Map<number, SeededRandom>();
  /** Resolved when the awake actor sleeps or finishes. */
  private settle: (() => void) | undefined;
  private readonly root: SeededRandom;

  constructor(start: number, seed: number) {
    this.current = start;
    this.root = new SeededRandom(seed);
  }

  now(): number {
    return this.current;
  }

  advance(ms: number): void {
    if (ms < 0) throw new Error('the virtual clock only moves forward');
    this.current += ms;
  }

  sleep(ms: number): Promise<void> {
    const actor = this.context.getStore();
    if (actor === undefined) throw new Error('virtual time: sleep() outside any actor');
    if (this.sleepers.some((s) => s.actor === actor)) throw new Error(`virtual time: actor ${actor} sleeps twice at once`);
    return new Promise((wake) => {
      this.sleepers.push({ at: this.current + Math.max(0, ms), seq: this.seq++, actor, wake });
      this.settle?.();
    });
  }

  /** The actor the calling code runs in, if any. */
  actor(): number | undefined {
    return this.context.getStore();
  }

  /** Math.random for the calling actor: its own seeded stream. */
  random(): number {
    const actor = this.context.getStore() ?? -1;
    let stream = this.randoms.get(actor);
    if (!stream) {
      stream = this.root.fork(`actor-${actor}`);
      this.randoms.set(actor, stream);
    }
    return stream.next();
  }

  /**
   * Runs `actors` to completion on virtual time (with `daemons`, which run alongside until the last
   * actor ends), one at a time, and returns their results in order.
   */
  async run<T>(actors: (() => Promise<T>)[], daemons: (() => Promise<void>)[] = []): Promise<T[]> {
    const results: T[] = [];
    let live = actors.length;
    const start = (fn: () => Promise<unknown>, id: number, onDone: () => void) =>
      this.awaitSettled(() =>
        this.context.run(id, () => {
          void fn().then(
            (value) => {
              onDone();
              if (id < actors.length) results[id] = value as T;
              this.settle?.();
            },
            (error: unknown) => {
              this.failure ??= error;
              this.settle?.();
            },
          );
        }),
      );
    for (const [id, fn] of actors.entries()) await start(fn, id, () => (live -= 1));
    for (const [i, fn] of daemons.entries()) await start(fn, actors.length + i, () => undefined);
    while (live > 0) {
      this.throwFailure();
      this.sleepers.sort((a, b) => a.at - b.at || a.seq - b.seq);
      const next = this.sleepers.shift();
      if (!next) throw new Error('virtual time: every actor is blocked on something other than the clock');
      this.current = Math.max(this.current, next.at);
      await this.awaitSettled(next.wake);
    }
    this.throwFailure();
    // Daemons' sleeps are dropped: they end with the actors.
    this.sleepers.length = 0;
    return results;
  }

  private failure: unknown;

  private throwFailure(): void {
    if (this.failure !== undefined) {
      const failure = this.failure;
      this.failure = undefined;
      throw failure;
    }
  }

  /** Calls `wake` and resolves once the woken actor sleeps again, finishes or fails. */
  private async awaitSettled(wake: () => void): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    await new Promise<void>((resolve, reject) => {
      this.settle = resolve;
      timer = realSetTimeout(
        () => reject(new Error(`virtual time: an actor ran ${WATCHDOG_MS} ms of real time without sleeping`)),
        WATCHDOG_MS,
      );
      wake();
    }).finally(() => {
      clearTimeout(timer);
      this.settle = undefined;
    });
  }
}

const realSetTimeout = globalThis.setTimeout;
/** util-waiter's `sleep`, in either build of @smithy/core (the CommonJS one bundles it into submodules/client/index.js). */
const WAITER_SLEEP = /at sleep \([^)]*@smithy[\\/]core[\\/]dist-(cjs|es)[\\/]submodules[\\/]client[\\/]/;

/**
 * The SDK waiter sleeps with the global setTimeout (@smithy's util-waiter `sleep`), which no option
 * reaches. Inside an actor, exactly those calls (recognised by their caller) sleep on virtual time;
 * every other timer (sockets, request timeouts) stays real. Math.random becomes the actor's seeded
 * stream, and Date.now the virtual time (the waiter measures its maxWaitTime with it). Returns the
 * function that puts them back.
 */
export function virtualizeGlobals(time: VirtualTime): () => void {
  const realRandom = Math.random;
  const patched = ((handler: (...args: unknown[]) => void, ms?: number, ...args: unknown[]) => {
    if (typeof handler === 'function' && time.actor() !== undefined && WAITER_SLEEP.test(new Error().stack ?? '')) {
      void time.sleep(ms ?? 0).then(() => handler(...args));
      return realSetTimeout(() => undefined, 0);
    }
    return realSetTimeout(handler, ms, ...args);
  }) as unknown as typeof setTimeout;
  const realNow = Date.now;
  globalThis.setTimeout = patched;
  Math.random = () => time.random();
  // The waiter measures its maxWaitTime with Date.now: inside an actor, that is virtual time too.
  Date.now = () => (time.actor() !== undefined ? time.now() : realNow());
  return () => {
    globalThis.setTimeout = realSetTimeout;
    Math.random = realRandom;
    Date.now = realNow;
  };
}

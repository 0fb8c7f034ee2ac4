import { sleep, waitFor, withDeadline } from '../wait-for.js';

/** The bounded waits every test relies on: they fail with what they waited for, and leave no timer behind. */

test('waitFor returns the first value the probe gives', async () => {
  let calls = 0;
  await expect(waitFor(() => (++calls === 3 ? 'ready' : undefined), { timeoutMs: 1000, label: 'x', intervalMs: 1 })).resolves.toBe('ready');
  expect(calls).toBe(3);
});

test('waitFor treats false as not yet', async () => {
  let calls = 0;
  await expect(waitFor(() => ++calls > 1, { timeoutMs: 1000, label: 'x', intervalMs: 1 })).resolves.toBe(true);
});

test('waitFor fails after its timeout, naming what it waited for', async () => {
  const started = Date.now();
  await expect(waitFor(() => undefined, { timeoutMs: 50, label: 'an UpdateService request', intervalMs: 5 })).rejects.toThrow(
    'timed out after 50 ms waiting for an UpdateService request',
  );
  expect(Date.now() - started).toBeLessThan(1000);
});

test('withDeadline settles as the promise does when it is in time', async () => {
  await expect(withDeadline(Promise.resolve(7), { timeoutMs: 1000, label: 'x' })).resolves.toBe(7);
  await expect(withDeadline(Promise.reject(new Error('boom')), { timeoutMs: 1000, label: 'x' })).rejects.toThrow('boom');
});

test('withDeadline rejects a promise that never settles', async () => {
  await expect(withDeadline(new Promise<never>(() => {}), { timeoutMs: 30, label: 'the sandbox to print its exports' })).rejects.toThrow(
    'timed out after 30 ms waiting for the sandbox to print its exports',
  );
});

test('sleep waits at least the time given', async () => {
  const started = Date.now();
  await sleep(20);
  expect(Date.now() - started).toBeGreaterThanOrEqual(15);
});

/**
 * One example repository's end-to-end story: start its pipeline, then steps that build on each other
 * (a release, then a bad one, then a rollback), then stop. examples.test.ts runs the five stories at
 * the same time: each spends most of its time waiting on polls and rollouts, not on the CPU.
 */
export type StoryStep = [title: string, run: () => Promise<void>];

export interface Story {
  example: string;
  start(): Promise<void>;
  steps: StoryStep[];
  stop(): Promise<void>;
}

/** Runs the steps in order; a failure names its step in front of the assertion's own message. */
export async function tell(story: Story): Promise<string[]> {
  const told: string[] = [];
  await story.start();
  try {
    for (const [title, run] of story.steps) {
      try {
        await run();
      } catch (error) {
        if (error instanceof Error) error.message = `${story.example} — ${title}:\n${error.message}`;
        throw error;
      }
      told.push(title);
    }
  } finally {
    await story.stop();
  }
  return told;
}

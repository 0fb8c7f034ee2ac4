import { apiPostgres } from './api-postgres.story.js';
import { EXAMPLE_TIMEOUT_MS } from './example-helpers.js';
import { fastapiAlb } from './fastapi-alb.story.js';
import { httpEcho } from './http-echo.story.js';
import { phoenixGhcr } from './phoenix-ghcr.story.js';
import { railsSidekiq } from './rails-sidekiq.story.js';
import { tell, type Story } from './story.js';

/**
 * The five example repositories of examples/, each taken through its own caller workflows against
 * its own sandbox (sandbox/runner/example-pipeline.ts): pull request with the plan comment, merge
 * with the apply of that plan, build, staging and production, a bad release, a manual rollback.
 * The stories run concurrently (each has its own sandbox, checkout and ports); each tells its steps
 * in order, and a failure names the example and the step.
 */

const STORIES: Story[] = [httpEcho, apiPostgres, phoenixGhcr, fastapiAlb, railsSidekiq];

test.concurrent.each(STORIES.map((story) => [story.example, story] as const))(
  'examples/%s, pull request to production and back',
  async (_name, story) => {
    expect(await tell(story)).toEqual(story.steps.map(([title]) => title));
  },
  EXAMPLE_TIMEOUT_MS,
);

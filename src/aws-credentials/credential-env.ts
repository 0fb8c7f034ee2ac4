/**
 * Names shared by main, run and post. Kept apart from run.ts so the post bundle does not pull in
 * the AWS SDK just to learn three variable names.
 */

/** The credential variables configure-aws-credentials exports; the post step blanks them. */
export const CREDENTIAL_ENV = ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN'] as const;

/** Saved for the post step: whether main exported credentials that it must blank. */
export const EXPORTED_STATE = 'exported-credentials';

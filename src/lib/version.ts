/** Sent in the AWS user agent as `ecs-delivery/<version>`; a unit test keeps it equal to package.json. */
export const VERSION = '0.1.0';

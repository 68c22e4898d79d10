export { instructorCli, USAGE, type CliIo } from './cli.ts';
export { InstructorAuth, InstructorError, LOCAL_INSTRUCTOR, LOGIN_LINK_TTL_MS, loginLinkUrl } from './instructor-auth.ts';

export { constantTimeEqual } from './constant-time.ts';

/**
 * The HTTP server: `createApp(deps)` builds the Hono app (the JSON API under /api with its OpenAPI
 * document, the security middleware, and the built dashboard); `startServer` in serve.ts is the one
 * place that opens a socket. Routes call the app's use cases and nothing below them.
 */
export type { Api, ServerEnv } from './api.ts';
export { createApp, DEFAULT_MAX_UPLOAD_BYTES, MAX_JSON_BYTES, OPENAPI_PATH, type ServerDeps } from './app.ts';
export {
  buildDashboard,
  dashboardDistDir,
  dashboardNeedsBuild,
  ensureDashboardBuilt,
} from './dashboard-build.ts';
export { errorBody, httpStatusFor } from './errors.ts';
export {
  type Authenticator,
  allowedHostsFor,
  type Caller,
  createLocalTokenAuth,
  createTeamAuth,
  generateToken,
  type InstallationToken,
  isLoopbackHost,
  loadOrCreateToken,
  tokenFileFor,
} from './security.ts';
export {
  DEFAULT_HOST,
  DEFAULT_PORT,
  type RunningServer,
  type StartServerOptions,
  startServer,
} from './serve.ts';

/** The OpenStack layer's public surface. Nothing here imports vscode. */
export * from './models';
export * from './errors';
export * from './log';
export * from './redact';
export * from './cloudConfig';
export * from './authSecret';
export * from './configFiles';
export { fetchRemoteProfile, type RemoteProfileOptions } from './remoteProfiles';
export { wellKnownProfileUrl, type RemoteProfile } from './cloudResolve';
export * from './transport';
export * from './proxyChoice';
export { environmentProxyFor, type Environment } from './proxyEnv';
export { PROXY_AUTH_REQUIRED, PROXY_BAD_ANSWER, PROXY_TUNNEL_REFUSED } from './proxyAgent';
export * from './keystone';
export * from './glance';
export * from './apiVersions';
export * from './scopeLoader';
export * from './connect';

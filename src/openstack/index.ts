/** The OpenStack layer's public surface. Nothing here imports vscode. */
export * from './models';
export * from './errors';
export * from './log';
export * from './redact';
export * from './cloudConfig';
export * from './configFiles';
export * from './transport';
export * from './keystone';
export * from './glance';
export * from './scopeLoader';
export * from './connect';

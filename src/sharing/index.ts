/** Pure sharing logic: no vscode, no HTTP. */
export * from './projectId';
export * from './grouping';
export * from './actions';
export * from './notices';
export * from './membersView';
export * from './panelProtocol';

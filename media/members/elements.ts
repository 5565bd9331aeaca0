// The vscode-elements components this panel uses, each imported on its own so the bundle holds
// only these (and the lit runtime they share). The members table is a plain <table>: see
// membersTable.ts.
import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-progress-ring/index.js';
import '@vscode-elements/elements/dist/vscode-radio-group/index.js';
import '@vscode-elements/elements/dist/vscode-radio/index.js';
import '@vscode-elements/elements/dist/vscode-textarea/index.js';

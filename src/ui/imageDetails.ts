import * as vscode from 'vscode';
import { stringify } from 'yaml';
import { HttpError, type GlanceImage } from '../openstack';
import { imageLabel } from '../sharing';
import type { Connections } from './connections';
import { scopeTitle } from './tree/nodes';

/** The read-only documents of image details: `glance-image:/<cloud · project>/<name>.yaml?scope=…&id=…`. */
export const IMAGE_DETAILS_SCHEME = 'glance-image';

/** Path segments cannot hold a slash; the rest of a name shows as VS Code draws it. */
function segment(text: string): string {
  return text.replace(/[/\\]/g, '\u2215');
}

/**
 * The URI of an image's details. The tab title is the image's name and its description the scope,
 * so two images of the same name in two projects tell apart; the query says what to read.
 */
export function imageDetailsUri(connections: Connections, scopeId: string, image: GlanceImage): vscode.Uri {
  const scope = connections.find(scopeId);
  const where = scope ? scopeTitle(scope) : scopeId;
  const query = new URLSearchParams({ scope: scopeId, id: image.id }).toString();
  return vscode.Uri.from({ scheme: IMAGE_DETAILS_SCHEME, path: `/${segment(where)}/${segment(imageLabel(image))}.yaml`, query });
}

/** What `GET /v2/images/{id}` returned, as YAML with its keys sorted (so that two images compare line by line). */
export function imageDetailsText(record: Readonly<Record<string, unknown>>): string {
  const sorted = Object.fromEntries(
    Object.keys(record)
      .sort()
      .map((key) => [key, record[key]]),
  );
  return stringify(sorted, { lineWidth: 0 });
}

/**
 * Image details as a read-only file system: each read is one `GET /v2/images/{id}` through the
 * scope's own connection, so the document always shows every property Glance has now.
 */
export class ImageDetailsProvider implements vscode.FileSystemProvider {
  private readonly changed = new vscode.EventEmitter<vscode.FileChangeEvent[]>();
  readonly onDidChangeFile = this.changed.event;

  constructor(private readonly connections: Connections) {}

  static register(connections: Connections): vscode.Disposable {
    return vscode.workspace.registerFileSystemProvider(IMAGE_DETAILS_SCHEME, new ImageDetailsProvider(connections), { isCaseSensitive: true, isReadonly: true });
  }

  watch(): vscode.Disposable {
    return new vscode.Disposable(() => undefined);
  }

  stat(uri: vscode.Uri): vscode.FileStat {
    this.target(uri);
    return { type: vscode.FileType.File, ctime: 0, mtime: Date.now(), size: 0, permissions: vscode.FilePermission.Readonly };
  }

  async readFile(uri: vscode.Uri): Promise<Uint8Array> {
    const { scopeId, imageId } = this.target(uri);
    const scope = this.connections.find(scopeId);
    if (!scope || scope.state.kind !== 'connected') {
      throw vscode.FileSystemError.Unavailable(
        vscode.l10n.t('The project scope of this image is not connected. Connect it in the Images view, then reopen the details.'),
      );
    }
    try {
      const record = await scope.state.connection.glance.getImageRecord(imageId);
      return new TextEncoder().encode(imageDetailsText(record));
    } catch (error) {
      if (error instanceof HttpError && error.status === 404) {
        throw vscode.FileSystemError.FileNotFound(
          vscode.l10n.t('Glance has no image {0} that {1} can see (deleted, or no longer shared with it).', imageId, scopeTitle(scope)),
        );
      }
      throw error;
    }
  }

  readDirectory(): [string, vscode.FileType][] {
    return [];
  }

  createDirectory(): void {
    throw vscode.FileSystemError.NoPermissions(vscode.l10n.t('Image details are read-only.'));
  }

  writeFile(): void {
    throw vscode.FileSystemError.NoPermissions(vscode.l10n.t('Image details are read-only: change an image with the commands of its row.'));
  }

  delete(): void {
    throw vscode.FileSystemError.NoPermissions(vscode.l10n.t('Image details are read-only.'));
  }

  rename(): void {
    throw vscode.FileSystemError.NoPermissions(vscode.l10n.t('Image details are read-only.'));
  }

  private target(uri: vscode.Uri): { scopeId: string; imageId: string } {
    const query = new URLSearchParams(uri.query);
    const scopeId = query.get('scope');
    const imageId = query.get('id');
    if (!scopeId || !imageId) throw vscode.FileSystemError.FileNotFound(uri);
    return { scopeId, imageId };
  }
}

/**
 * A stand-in for the `vscode` module, for testing the extension host without VS Code (which
 * cannot be downloaded here). It implements what the extension calls, records what it did, and
 * lets a test play the user: answer dialogs, set settings and trust, hold files in memory, and
 * post messages from a webview. `register-vscode-mock.ts` makes `import 'vscode'` load this file.
 */
import { posix } from 'node:path';
import { MessageLog } from '@nst/testing/message-log';

type Listener<T> = (value: T) => unknown;

/** A custom editor provider as VS Code drives it. */
interface CustomEditorProviderLike {
  openCustomDocument(uri: Uri, context: unknown, token: unknown): unknown;
  resolveCustomEditor(document: unknown, panel: FakeWebviewPanel, token: unknown): unknown;
}

export class Disposable {
  static from(...items: { dispose(): unknown }[]): Disposable {
    return new Disposable(() => items.forEach((i) => i.dispose()));
  }
  constructor(private readonly onDispose: () => unknown) {}
  dispose(): void {
    this.onDispose();
  }
}

export class EventEmitter<T> {
  private readonly listeners = new Set<Listener<T>>();
  readonly event = (listener: Listener<T>): Disposable => {
    this.listeners.add(listener);
    return new Disposable(() => this.listeners.delete(listener));
  };
  fire(value: T): void {
    for (const listener of [...this.listeners]) listener(value);
  }
  get size(): number {
    return this.listeners.size;
  }
  dispose(): void {
    this.listeners.clear();
  }
}

export class Uri {
  private constructor(
    readonly scheme: string,
    readonly authority: string,
    readonly path: string,
  ) {}
  static file(path: string): Uri {
    return new Uri('file', '', posix.normalize(path));
  }
  static parse(value: string): Uri {
    const url = new URL(value);
    return new Uri(url.protocol.replace(/:$/, ''), url.host, decodeURIComponent(url.pathname));
  }
  static joinPath(base: Uri, ...segments: string[]): Uri {
    return new Uri(base.scheme, base.authority, posix.join(base.path, ...segments));
  }
  get fsPath(): string {
    return this.path;
  }
  with(change: { path?: string }): Uri {
    return new Uri(this.scheme, this.authority, change.path ?? this.path);
  }
  toString(): string {
    return `${this.scheme}://${this.authority}${this.path}`;
  }
}

export enum ViewColumn {
  Active = -1,
  Beside = -2,
  One = 1,
}

export enum FileType {
  File = 1,
  Directory = 2,
}

export class FileSystemError extends Error {
  static FileNotFound(uri?: Uri): FileSystemError {
    return new FileSystemError(`File not found: ${uri?.path ?? ''}`, 'FileNotFound');
  }
  constructor(
    message: string,
    readonly code = 'Unknown',
  ) {
    super(message);
  }
}

/** The typed arrays VS Code transfers as binary, by constructor name (as its serialiser checks). */
interface TypedArrayConstructor {
  new (buffer: ArrayBuffer, byteOffset: number, length: number): ArrayBufferView;
  readonly BYTES_PER_ELEMENT: number;
}
const TYPED_ARRAYS: Readonly<Record<string, TypedArrayConstructor>> = {
  Int8Array,
  Uint8Array,
  Uint8ClampedArray,
  Int16Array,
  Uint16Array,
  Int32Array,
  Uint32Array,
  Float32Array,
  Float64Array,
};

/**
 * A message as it comes out of VS Code's webview messaging (`extHostWebviewMessaging`):
 * `JSON.stringify` with a replacer that takes `ArrayBuffer`s and typed arrays (known by their
 * constructor's name) out as binary, then `JSON.parse` putting them back. Like the real thing,
 * `toJSON` runs before the replacer, so a Node `Buffer` arrives as `{ type: "Buffer", data }`,
 * a `Map` as `{}`, and `undefined` fields vanish.
 */
export function throughVsCode(message: unknown): unknown {
  const buffers: ArrayBuffer[] = [];
  const json = JSON.stringify(message, (_key, value: unknown) => {
    if (value instanceof ArrayBuffer) return { $binary: buffers.push(value.slice(0)) - 1 };
    if (ArrayBuffer.isView(value) && value.constructor.name in TYPED_ARRAYS) {
      const bytes = new Uint8Array(value.buffer, value.byteOffset, value.byteLength).slice();
      return { $binary: buffers.push(bytes.buffer) - 1, view: value.constructor.name };
    }
    return value;
  });
  if (json === undefined) return undefined;
  return JSON.parse(json, (_key, value: unknown) => {
    if (typeof value !== 'object' || value === null || !('$binary' in value) || typeof value.$binary !== 'number') return value;
    const buffer = buffers[value.$binary]!;
    const View = 'view' in value && typeof value.view === 'string' ? TYPED_ARRAYS[value.view] : undefined;
    return View === undefined ? buffer : new View(buffer, 0, buffer.byteLength / View.BYTES_PER_ELEMENT);
  }) as unknown;
}

/** A message the extension posted, as the page gets it: VS Code passes any JSON, this extension posts `{ type }` objects. */
export type PostedMessage = { readonly type: string; readonly [field: string]: unknown };

const isPostedMessage = (value: unknown): value is PostedMessage =>
  typeof value === 'object' && value !== null && 'type' in value && typeof value.type === 'string';

/**
 * A webview panel: what the extension set on it, and what it posted, as the page would get it
 * (through {@link throughVsCode}), in a {@link MessageLog}.
 */
export class FakeWebviewPanel {
  /** What the extension posted; `posted.next(type)` waits for the next one of a type. */
  readonly posted = new MessageLog<PostedMessage>(5_000);
  private readonly received = new EventEmitter<unknown>();
  private readonly disposed = new EventEmitter<void>();
  isDisposed = false;
  readonly webview = {
    options: {} as { enableScripts?: boolean; localResourceRoots?: readonly Uri[] },
    html: '',
    cspSource: 'https://fake.vscode-cdn.net',
    asWebviewUri: (uri: Uri): Uri => Uri.parse(`https://file+.vscode-resource.vscode-cdn.net${uri.path}`),
    postMessage: async (message: unknown): Promise<boolean> => {
      if (this.isDisposed) throw new Error('Webview is disposed');
      const copy = throughVsCode(message);
      if (!isPostedMessage(copy)) throw new Error(`the extension posted a message with no type: ${JSON.stringify(copy)}`);
      this.posted.push(copy);
      return true;
    },
    onDidReceiveMessage: this.received.event,
  };
  readonly onDidDispose = this.disposed.event;

  constructor(
    readonly viewType: string,
    public title: string,
    readonly showOptions: unknown,
    readonly options: unknown,
  ) {}

  /** The webview posts `message` to the extension: a structured clone, then VS Code's messaging. */
  receive(message: unknown): void {
    this.received.fire(throughVsCode(structuredClone(message)));
  }
  get listenerCount(): number {
    return this.received.size;
  }
  reveal(): void {}
  dispose(): void {
    if (this.isDisposed) return;
    this.isDisposed = true;
    this.disposed.fire();
  }
}

/** What the test sets and reads. */
export const mock = {
  commands: new Map<string, (...args: unknown[]) => unknown>(),
  executed: [] as { command: string; args: unknown[] }[],
  editorProviders: new Map<string, { provider: CustomEditorProviderLike; options: unknown }>(),
  panels: [] as FakeWebviewPanel[],
  messages: [] as { kind: 'error' | 'warning' | 'information'; message: string; items: string[] }[],
  /** Answers to the next dialogs (message boxes and open dialogs), in order; undefined dismisses. */
  answers: [] as unknown[],
  files: new Map<string, Uint8Array>(),
  settings: new Map<string, unknown>(),
  trusted: true,
  workspaceFolders: [] as { uri: Uri; name: string; index: number }[],
  trustGranted: new EventEmitter<void>(),
  configurationChanged: new EventEmitter<{ affectsConfiguration(section: string): boolean }>(),
  reset(): void {
    this.commands.clear();
    this.executed.length = 0;
    this.editorProviders.clear();
    this.panels.length = 0;
    this.messages.length = 0;
    this.answers.length = 0;
    this.files.clear();
    this.settings.clear();
    this.trusted = true;
    this.workspaceFolders.length = 0;
  },
};

const show =
  (kind: 'error' | 'warning' | 'information') =>
  async (message: string, ...rest: unknown[]): Promise<string | undefined> => {
    const items = rest.filter((r): r is string => typeof r === 'string');
    mock.messages.push({ kind, message, items });
    const answer = mock.answers.shift();
    return typeof answer === 'string' && items.includes(answer) ? answer : undefined;
  };

export const window = {
  registerCustomEditorProvider(viewType: string, provider: CustomEditorProviderLike, options?: unknown): Disposable {
    mock.editorProviders.set(viewType, { provider, options });
    return new Disposable(() => mock.editorProviders.delete(viewType));
  },
  createWebviewPanel(viewType: string, title: string, showOptions: unknown, options?: unknown): FakeWebviewPanel {
    const panel = new FakeWebviewPanel(viewType, title, showOptions, options);
    mock.panels.push(panel);
    return panel;
  },
  showErrorMessage: show('error'),
  showWarningMessage: show('warning'),
  showInformationMessage: show('information'),
  async showOpenDialog(): Promise<Uri[] | undefined> {
    const answer = mock.answers.shift();
    return Array.isArray(answer) ? (answer as Uri[]) : undefined;
  },
};

/** What VS Code does for "Open With…": opens the document and lets the provider fill a new panel. */
async function openWith(uri: Uri, viewType: string): Promise<FakeWebviewPanel> {
  const entry = mock.editorProviders.get(viewType);
  if (entry === undefined) throw new Error(`no custom editor '${viewType}'`);
  const panel = window.createWebviewPanel(viewType, uri.path.slice(uri.path.lastIndexOf('/') + 1), ViewColumn.Active);
  const document = await entry.provider.openCustomDocument(uri, {}, {});
  await entry.provider.resolveCustomEditor(document, panel, {});
  return panel;
}

export const commands = {
  registerCommand(command: string, callback: (...args: unknown[]) => unknown): Disposable {
    if (mock.commands.has(command)) throw new Error(`command '${command}' already exists`);
    mock.commands.set(command, callback);
    return new Disposable(() => mock.commands.delete(command));
  },
  async executeCommand(command: string, ...args: unknown[]): Promise<unknown> {
    mock.executed.push({ command, args });
    if (command === 'vscode.openWith' && args[0] instanceof Uri && typeof args[1] === 'string') return openWith(args[0], args[1]);
    return mock.commands.get(command)?.(...args);
  },
};

export const workspace = {
  fs: {
    async stat(uri: Uri): Promise<{ type: FileType; size: number }> {
      const bytes = mock.files.get(uri.path);
      if (bytes === undefined) throw FileSystemError.FileNotFound(uri);
      return { type: FileType.File, size: bytes.length };
    },
    /** A Node `Buffer`, as in VS Code's Node extension host. */
    async readFile(uri: Uri): Promise<Uint8Array> {
      const bytes = mock.files.get(uri.path);
      if (bytes === undefined) throw FileSystemError.FileNotFound(uri);
      return Buffer.from(bytes);
    },
    async writeFile(uri: Uri, content: Uint8Array): Promise<void> {
      if (!mock.trusted) throw new Error('the mock refuses writes in an untrusted workspace');
      mock.files.set(uri.path, content);
    },
  },
  getConfiguration(section?: string) {
    return {
      get<T>(key: string, fallback?: T): T | undefined {
        const full = section === undefined ? key : `${section}.${key}`;
        return mock.settings.has(full) ? (mock.settings.get(full) as T) : fallback;
      },
    };
  },
  get isTrusted(): boolean {
    return mock.trusted;
  },
  get workspaceFolders() {
    return mock.workspaceFolders.length > 0 ? mock.workspaceFolders : undefined;
  },
  onDidGrantWorkspaceTrust: mock.trustGranted.event,
  onDidChangeConfiguration: mock.configurationChanged.event,
};

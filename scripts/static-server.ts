// A small static server for the built site, bound to loopback. Framework emits
// extension-less links (/digits), so /x is served from x.html.
import {createReadStream, existsSync, statSync} from "node:fs";
import {createServer, type Server} from "node:http";
import type {AddressInfo} from "node:net";
import {extname, join, normalize, resolve} from "node:path";

/** Content type by file extension, for this server and the pretraining pages' (pretrain-page.ts). */
export const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
  ".wasm": "application/wasm",
  ".png": "image/png",
  ".svg": "image/svg+xml",
  ".bin": "application/octet-stream",
  ".abc": "text/plain; charset=utf-8",
  ".csv": "text/csv; charset=utf-8",
  ".txt": "text/plain; charset=utf-8"
};

/** Maps a request path to a file under root, or null when there is none. */
export function resolveFile(root: string, urlPath: string): string | null {
  let path: string;
  try {
    path = decodeURIComponent(urlPath.split("?")[0]);
  } catch {
    return null;
  }
  const base = resolve(root);
  const candidates = path.endsWith("/") ? [join(path, "index.html")] : [path, `${path}.html`];
  for (const candidate of candidates) {
    const file = resolve(base, "." + normalize(candidate));
    if (!file.startsWith(base)) return null;
    if (existsSync(file) && statSync(file).isFile()) return file;
  }
  return null;
}

export interface RunningServer {
  url: string;
  close(): Promise<void>;
}

export function startServer(root: string, port = 0, host = "127.0.0.1"): Promise<RunningServer> {
  const server: Server = createServer((request, response) => {
    const file = resolveFile(root, request.url ?? "/");
    if (!file) {
      const notFound = resolveFile(root, "/404");
      response.writeHead(404, {"content-type": TYPES[".html"]});
      if (notFound) createReadStream(notFound).pipe(response);
      else response.end(`not found: ${request.url}`);
      return;
    }
    response.writeHead(200, {
      "content-type": TYPES[extname(file)] ?? "application/octet-stream",
      "cache-control": "no-cache"
    });
    createReadStream(file).pipe(response);
  });
  // An address longer than Node's header limit (16 KiB) would get an empty 431 response, a
  // blank page: say what went wrong instead.
  server.on("clientError", (error: NodeJS.ErrnoException, socket) => {
    if (error.code === "HPE_HEADER_OVERFLOW" && socket.writable) {
      const text = "This address is too long (over 16 KiB): shorten its parameters and try again.\n";
      socket.end(`HTTP/1.1 431 Request Header Fields Too Large\r\ncontent-type: text/plain; charset=utf-8\r\ncontent-length: ${Buffer.byteLength(text)}\r\nconnection: close\r\n\r\n${text}`);
    } else {
      socket.destroy();
    }
  });
  return new Promise((done, fail) => {
    server.once("error", fail);
    server.listen(port, host, () => {
      const {port: actual} = server.address() as AddressInfo;
      done({
        url: `http://${host}:${actual}/`,
        close: () => new Promise((closed) => server.close(() => closed()))
      });
    });
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const dir = process.argv[2] ?? "dist";
  const port = Number(process.env.PORT ?? 3000);
  if (!existsSync(join(dir, "index.html"))) {
    console.error(`serve: no built site in ${dir}/ (run npm run build first)`);
    process.exit(1);
  }
  const {url} = await startServer(dir, port);
  console.log(`Manus is served at ${url} (Ctrl-C to stop)`);
}

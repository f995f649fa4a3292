import { connect, createServer, type AddressInfo, type Socket } from "node:net";

export interface WireCounter {
  /** Where the browser should go instead of the server: every byte passes through here. */
  url: string;
  /** Bytes sent from the server to the browser (headers and gzip bodies) since the last reset. */
  bytes(): number;
  reset(): void;
  close(): Promise<void>;
}

/**
 * A TCP relay in front of an HTTP server that counts what the server sends back: what a
 * visit costs on the wire, including what the page's CDP session never sees (the service
 * worker's own script and its precache).
 */
export async function countWire(serverUrl: string): Promise<WireCounter> {
  const target = new URL(serverUrl);
  let received = 0;
  const sockets = new Set<Socket>();
  const relay = createServer((browserSide) => {
    const serverSide = connect(Number(target.port), target.hostname);
    for (const socket of [browserSide, serverSide]) {
      sockets.add(socket);
      socket.on("close", () => sockets.delete(socket));
      socket.on("error", () => {
        browserSide.destroy();
        serverSide.destroy();
      });
    }
    serverSide.on("data", (chunk: Buffer) => (received += chunk.length));
    browserSide.pipe(serverSide);
    serverSide.pipe(browserSide);
  });
  await new Promise<void>((done) => relay.listen(0, "127.0.0.1", done));
  const { port } = relay.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    bytes: () => received,
    reset: () => {
      received = 0;
    },
    close: () =>
      new Promise((done) => {
        relay.close(() => done());
        for (const socket of sockets) socket.destroy();
      }),
  };
}

/* eslint-disable */
// Preloaded into code-server's Node processes (NODE_OPTIONS=--require) by the real-host test:
// appends to $NST_NET_GUARD_LOG one line per process that loads it ("loaded <pid>") and one per
// TCP connection it opens, or host name it looks up, for anything but this machine ("connect
// <host>:<port>", "lookup <host>"), so the test can assert that nothing leaves 127.0.0.1.
const dns = require('node:dns');
const fs = require('node:fs');
const net = require('node:net');
const log = process.env.NST_NET_GUARD_LOG;
if (log) {
  const write = (line) => fs.appendFileSync(log, `${line}\n`);
  write(`loaded ${process.pid} ${process.argv.slice(1, 3).join(' ')}`);
  const local = (host) => host === undefined || host === null || host === '' || host === 'localhost' || host === '::1' || /^127\./.test(host) || /^::ffff:127\./.test(host);
  const connect = net.Socket.prototype.connect;
  net.Socket.prototype.connect = function (...args) {
    const [first, second] = Array.isArray(args[0]) ? args[0] : args;
    let host;
    let port;
    if (first !== null && typeof first === 'object') {
      if (first.path === undefined) [host, port] = [first.host, first.port];
    } else if (typeof first === 'number' || /^\d+$/.test(String(first))) {
      [host, port] = [typeof second === 'string' ? second : undefined, first];
    }
    if (port !== undefined && !local(host)) write(`connect ${host}:${port}`);
    return connect.apply(this, args);
  };
  const lookup = dns.lookup;
  dns.lookup = function (hostname, ...rest) {
    if (!local(hostname)) write(`lookup ${hostname}`);
    return lookup.call(this, hostname, ...rest);
  };
  const lookupPromise = dns.promises.lookup;
  dns.promises.lookup = function (hostname, ...rest) {
    if (!local(hostname)) write(`lookup ${hostname}`);
    return lookupPromise.call(this, hostname, ...rest);
  };
}

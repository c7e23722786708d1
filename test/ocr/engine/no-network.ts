/**
 * Preloaded (`node --import`) into a child process to take the network away from every thread,
 * worker threads included (Node runs `--import` modules in each): any fetch or socket connect
 * throws. Used by engine-exit.test.ts to show the engine needs no download.
 */
import net from 'node:net';
import { threadId } from 'node:worker_threads';

const refusal = (what: string): Error => new Error(`network used: ${what} in thread ${threadId}`);

globalThis.fetch = () => Promise.reject(refusal('fetch'));
net.Socket.prototype.connect = function connect(): never {
  throw refusal('socket');
};

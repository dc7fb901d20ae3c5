import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { MessageLog } from './message-log.js';

type Message = { type: 'progress'; percent: number } | { type: 'done' };

describe('MessageLog', () => {
  test('next takes messages of a type in order, each once, whether they came before or after it was asked', async () => {
    const log = new MessageLog<Message>();
    log.push({ type: 'progress', percent: 10 });
    const later = log.next('done');
    log.push({ type: 'progress', percent: 20 });
    log.push({ type: 'done' });
    assert.deepEqual(await later, { type: 'done' });
    assert.equal((await log.next('progress')).percent, 10);
    assert.equal((await log.next('progress')).percent, 20);
    assert.deepEqual(
      log.all('progress').map((m) => m.percent),
      [10, 20],
    );
    assert.equal(log.messages.length, 3);
  });

  test('next gives up after its timeout, and a message after that is left for the next asker', async () => {
    const log = new MessageLog<Message>(5);
    await assert.rejects(log.next('done'), /no 'done' message within 5 ms/);
    log.push({ type: 'done' });
    assert.deepEqual(await log.next('done', 1000), { type: 'done' });
  });

  test('listeners hear every later message until stopped', () => {
    const log = new MessageLog<Message>();
    log.push({ type: 'done' });
    const heard: string[] = [];
    const stop = log.listen((m) => heard.push(m.type));
    log.push({ type: 'progress', percent: 1 });
    stop();
    log.push({ type: 'done' });
    assert.deepEqual(heard, ['progress']);
  });

  test('an open { type: string } message narrows to its type', async () => {
    const log = new MessageLog<{ readonly type: string; readonly [field: string]: unknown }>();
    log.push({ type: 'saved', path: '/a.png' });
    const saved = await log.next('saved');
    assert.equal(saved.type, 'saved');
    assert.equal(saved['path'], '/a.png');
  });
});

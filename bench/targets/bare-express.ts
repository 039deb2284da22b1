/**
 * (a) The HTTP ceiling: Express answering 202 and nothing else, not even
 * reading the body.
 */
import express from 'express';
import { ORDER_PATH } from '../order-body.js';
import { listenOnLoopback, serveTarget } from './serve-target.js';

serveTarget(async () => {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.post(ORDER_PATH, function accept(_req, res) {
    res.status(202).end();
  });
  return listenOnLoopback((port, host) => app.listen(port, host));
});

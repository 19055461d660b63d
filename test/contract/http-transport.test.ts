import { createForgeFetchTransport } from '../../src/platform/forge/fetch-transport';
import { createLocalFetchTransport } from '../../src/platform/local/fetch-transport';
import { describeHttpTransportContract } from './http-transport.contract';

describeHttpTransportContract('local (node fetch)', createLocalFetchTransport);
// Outside Forge, @forge/api's fetch delegates to node's global fetch, so the real package code runs here.
describeHttpTransportContract('Forge (@forge/api fetch)', (timeoutMs) => createForgeFetchTransport(timeoutMs));

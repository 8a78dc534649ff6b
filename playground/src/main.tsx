/**
 * Tessera's playground: GraphiQL with the tabs and headers the server chose for its mode,
 * read from the page (`<script id="tessera-playground" type="application/json">`).
 */
import 'graphiql/setup-workers/vite';
import 'graphiql/style.css';
import '@graphiql/react/font/roboto.css';
import '@graphiql/react/font/fira-code.css';
import { GraphiQL } from 'graphiql';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createFetcher } from './createFetcher.js';
import { readSettings } from './readSettings.js';

const settings = readSettings(document);
const fetcher = createFetcher(new URL(settings.endpoint, document.baseURI).href);

createRoot(document.getElementById('graphiql')!).render(
  <StrictMode>
    <GraphiQL
      fetcher={fetcher}
      defaultTabs={settings.tabs}
      defaultHeaders={settings.defaultHeaders}
      defaultEditorToolsVisibility={settings.showHeaders ? 'headers' : undefined}
      // Headers may hold tokens and API keys: not kept in the browser's storage unless the user asks.
      shouldPersistHeaders={false}
    >
      <GraphiQL.Logo>{settings.title}</GraphiQL.Logo>
    </GraphiQL>
  </StrictMode>,
);

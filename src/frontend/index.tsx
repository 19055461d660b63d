import ForgeReconciler from '@forge/react';
import React from 'react';
import { App } from './App';

ForgeReconciler.render(
  <React.StrictMode>
    <App />
  </React.StrictMode>,
);

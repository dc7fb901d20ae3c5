import type { PluginAPI } from '@figma/plugin-typings/plugin-api-standalone.js';
import { PANEL_SIZE } from '../panel-size.js';
import { startPlugin } from './start-plugin.js';

declare const figma: PluginAPI;
declare const __html__: string;

figma.showUI(__html__, { ...PANEL_SIZE, themeColors: true, title: 'Neural style transfer' });
startPlugin(figma);

/**
 * Réseau des tiers-lieux — synchronisation du classeur avec l'API.
 *
 * À coller dans Extensions › Apps Script du classeur (voir GUIDE-fr.md).
 * Propriétés du script (Paramètres du projet › Propriétés du script) :
 *   API_URL            adresse de l'API, ex. https://api.mon-reseau.fr (sans / final)
 *   SHEETS_HOOK_SECRET le même secret que celui de l'API (SHEETS_HOOK_SECRET)
 *
 * Chaque appel est signé : en-tête X-Sheets-Timestamp (secondes) et
 * X-Sheets-Signature = "sha256=" + HMAC-SHA256("<timestamp>.<corps>", SHEETS_HOOK_SECRET) en hexadécimal.
 * Les écritures faites par l'API ne déclenchent pas ces déclencheurs : pas de boucle.
 */

var TABS = ['Lieux', 'Ressources', 'Personnes', 'Événements', 'Passages', 'Bénévolat', 'Kit'];

/** Menu « Synchro » à l'ouverture du classeur. */
function onOpen() {
  SpreadsheetApp.getUi()
    .createMenu('Synchro')
    .addItem('Synchroniser maintenant', 'syncNow')
    .addSeparator()
    .addItem('Installer la synchro automatique', 'installTriggers')
    .addToUi();
}

/** Installe les déclencheurs installables (une seule fois) : modification et changement de structure. */
function installTriggers() {
  var ss = SpreadsheetApp.getActive();
  ScriptApp.getProjectTriggers().forEach(function (t) {
    if (t.getHandlerFunction() === 'onSheetEdit' || t.getHandlerFunction() === 'onSheetChange') ScriptApp.deleteTrigger(t);
  });
  ScriptApp.newTrigger('onSheetEdit').forSpreadsheet(ss).onEdit().create();
  ScriptApp.newTrigger('onSheetChange').forSpreadsheet(ss).onChange().create();
  SpreadsheetApp.getUi().alert('Synchro automatique installée : chaque modification sera envoyée à l’API.');
}

/** Déclencheur installable (les déclencheurs simples ne peuvent pas appeler une URL). */
function onSheetEdit(e) {
  var sheet = e.range.getSheet().getName();
  if (TABS.indexOf(sheet) < 0) return;
  callApi_({
    reason: 'edit',
    sheet: sheet,
    firstRow: e.range.getRow(),
    lastRow: e.range.getLastRow(),
    editedAt: new Date().toISOString(),
    user: e.user ? String(e.user) : undefined,
  });
}

/** Lignes insérées ou supprimées : la synchro compare tout l'onglet. */
function onSheetChange(e) {
  if (['INSERT_ROW', 'REMOVE_ROW', 'OTHER'].indexOf(e.changeType) < 0) return;
  callApi_({ reason: 'change' });
}

/** Menu « Synchroniser maintenant » : lance un passage et affiche son bilan. */
function syncNow() {
  var res = callApi_({ reason: 'menu' });
  var ui = SpreadsheetApp.getUi();
  if (!res) return ui.alert('L’API n’a pas répondu ; réessayez dans un instant.');
  if (res.skipped) return ui.alert(res.skipped);
  if (!res.totals) return ui.alert('Réponse inattendue : ' + JSON.stringify(res).slice(0, 500));
  var t = res.totals;
  var lines = res.tabs.map(function (s) {
    return s.tab + ' : ' + s.created + ' créées, ' + s.updated + ' modifiées, ' + s.archived + ' archivées, ' + s.refused + ' refusées' + (s.errors.length ? ' — ' + s.errors.join(' ; ') : '');
  });
  ui.alert('Synchro terminée : ' + t.created + ' créées, ' + t.updated + ' modifiées, ' + t.archived + ' archivées, ' + t.refused + ' refusées (motif dans « Statut synchro »).\n\n' + lines.join('\n'));
}

function callApi_(body) {
  var props = PropertiesService.getScriptProperties();
  var url = props.getProperty('API_URL');
  var secret = props.getProperty('SHEETS_HOOK_SECRET');
  if (!url || !secret) throw new Error('Renseignez API_URL et SHEETS_HOOK_SECRET dans les propriétés du script.');
  body.spreadsheetId = SpreadsheetApp.getActive().getId();
  var payload = JSON.stringify(body);
  var timestamp = String(Math.floor(Date.now() / 1000));
  var signature = 'sha256=' + toHex_(Utilities.computeHmacSha256Signature(timestamp + '.' + payload, secret, Utilities.Charset.UTF_8));
  var res = UrlFetchApp.fetch(url.replace(/\/$/, '') + '/v1/hooks/sheets', {
    method: 'post',
    contentType: 'application/json',
    payload: payload,
    headers: { 'X-Sheets-Timestamp': timestamp, 'X-Sheets-Signature': signature },
    muteHttpExceptions: true,
  });
  var code = res.getResponseCode();
  if (code >= 400) console.error('Synchro refusée (' + code + ') : ' + res.getContentText().slice(0, 500));
  try {
    return JSON.parse(res.getContentText());
  } catch (err) {
    return undefined;
  }
}

function toHex_(bytes) {
  return bytes
    .map(function (b) {
      var v = (b < 0 ? b + 256 : b).toString(16);
      return v.length === 1 ? '0' + v : v;
    })
    .join('');
}

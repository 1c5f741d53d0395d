import { eq } from 'drizzle-orm';
import type { Db } from '../client';
import { dialogueConcerns, dialogues, districts, measureUpdates, measures } from '../schema';

const day = 86_400_000;
const isoDate = (d: Date) => d.toISOString().slice(0, 10);

/**
 * Two published safety dialogues with their concerns and measures, and one measure taken after
 * reports alone, so the public pages have something true-to-life to show in the demo.
 */
export async function seedDemoDialogues(db: Db, now = new Date()) {
  const districtId = async (slug: string) =>
    (await db.select({ id: districts.id }).from(districts).where(eq(districts.slug, slug)))[0]?.id;
  const mitte = await districtId('luenen-mitte');
  const nord = await districtId('luenen-nord');
  const horstmar = await districtId('horstmar');
  if (!mitte || !nord || !horstmar) return;

  const heldMitte = new Date(now.getTime() - 75 * day);
  const [station] = await db
    .insert(dialogues)
    .values({
      districtId: nord,
      heldOn: isoDate(heldMitte),
      venue: 'Hansesaal, Lünen',
      participants: 64,
      organisers: 'Stadt Lünen (Ordnungsamt), Polizeipräsidium Dortmund, Quartiersmanagement',
      title: {
        de: 'Sicherheitsdialog Bahnhofsumfeld',
        en: 'Safety dialogue: the station area',
        tr: 'Güvenlik diyaloğu: istasyon çevresi',
      },
      summary: {
        de: 'Rund 60 Bürgerinnen und Bürger sprachen mit Ordnungsamt und Polizei über das Umfeld von **Hauptbahnhof und ZOB**.\n\nAm häufigsten genannt wurden die dunkle Unterführung, Gruppen am Abend und offener Drogenkonsum. Vereinbart wurden vier Maßnahmen; über ihren Stand berichten wir hier.',
        en: 'Around 60 residents talked with the public order office and the police about the area around the **main station and bus station**.\n\nMost often named were the dark underpass, groups in the evening and open drug use. Four measures were agreed; we report on their progress here.',
      },
      status: 'published',
      publishedAt: new Date(heldMitte.getTime() + 10 * day),
      createdAt: heldMitte,
      updatedAt: heldMitte,
    })
    .returning({ id: dialogues.id });
  await db.insert(dialogueConcerns).values([
    {
      dialogueId: station.id,
      text: { de: 'Die Fußgängerunterführung am Bahnhof ist abends dunkel und verschmutzt.', en: 'The pedestrian underpass at the station is dark and dirty in the evening.' },
      geometry: { type: 'Point', coordinates: [7.5295, 51.6168] },
      sortOrder: 0,
    },
    {
      dialogueId: station.id,
      text: { de: 'Am ZOB halten sich abends Gruppen auf, die Fahrgäste ansprechen.', en: 'In the evening, groups at the bus station approach passengers.' },
      sortOrder: 1,
    },
    {
      dialogueId: station.id,
      text: { de: 'Spritzen und Müll in den Grünanlagen an der Lippe.', en: 'Syringes and litter in the green areas by the Lippe.' },
      sortOrder: 2,
    },
  ]);
  const stationMeasures = await db
    .insert(measures)
    .values([
      {
        dialogueId: station.id,
        districtId: nord,
        title: { de: 'Neue LED-Beleuchtung in der Bahnhofsunterführung', en: 'New LED lighting in the station underpass' },
        description: { de: 'Die Stadtwerke ersetzen die Leuchten und schalten sie bis Betriebsende der Bahn.', en: 'The municipal utility replaces the lights and keeps them on until the last train.' },
        responsible: 'city',
        responsibleName: 'Stadtwerke Lünen',
        lat: 51.6168,
        lon: 7.5295,
        dueOn: isoDate(new Date(now.getTime() - 20 * day)),
        status: 'done',
        publishedAt: new Date(heldMitte.getTime() + 10 * day),
      },
      {
        dialogueId: station.id,
        districtId: nord,
        title: { de: 'Gemeinsame Streifen freitags und samstags ab 20 Uhr', en: 'Joint patrols on Fridays and Saturdays from 8 pm' },
        responsible: 'police',
        responsibleName: 'Polizeipräsidium Dortmund, Bezirksdienst Lünen',
        dueOn: isoDate(new Date(now.getTime() + 60 * day)),
        status: 'in_progress',
        publishedAt: new Date(heldMitte.getTime() + 10 * day),
      },
      {
        dialogueId: station.id,
        districtId: mitte,
        title: { de: 'Wöchentliche Reinigung der Lippeauen am Bahnhof', en: 'Weekly cleaning of the Lippe meadows by the station' },
        responsible: 'city',
        responsibleName: 'Wirtschaftsbetriebe Lünen',
        dueOn: isoDate(new Date(now.getTime() + 30 * day)),
        status: 'planned',
        publishedAt: new Date(heldMitte.getTime() + 10 * day),
      },
      {
        dialogueId: station.id,
        districtId: nord,
        title: { de: 'Videobeobachtung am ZOB', en: 'Video surveillance at the bus station' },
        responsible: 'police',
        status: 'rejected',
        rejectionReason: {
          de: 'Die rechtlichen Voraussetzungen nach § 15a PolG NRW liegen nach Prüfung nicht vor. Stattdessen mehr Präsenz der Streifen.',
          en: 'After review, the legal conditions under § 15a PolG NRW are not met. Instead, more patrol presence.',
        },
        publishedAt: new Date(heldMitte.getTime() + 10 * day),
      },
    ])
    .returning({ id: measures.id });
  await db.insert(measureUpdates).values([
    {
      measureId: stationMeasures[0].id,
      text: { de: 'Auftrag erteilt, Einbau in der 3. Kalenderwoche.', en: 'Order placed; installation in week 3.' },
      statusTo: 'in_progress',
      createdAt: new Date(now.getTime() - 50 * day),
    },
    {
      measureId: stationMeasures[0].id,
      text: { de: 'Die neuen Leuchten sind in Betrieb.', en: 'The new lights are in operation.' },
      statusTo: 'done',
      createdAt: new Date(now.getTime() - 21 * day),
    },
    {
      measureId: stationMeasures[1].id,
      text: { de: 'Seit sechs Wochen laufen die Streifen; erste Rückmeldungen sind positiv.', en: 'Patrols have run for six weeks; first feedback is positive.' },
      statusTo: 'in_progress',
      createdAt: new Date(now.getTime() - 7 * day),
    },
  ]);

  await db.insert(measures).values({
    districtId: horstmar,
    title: { de: 'Beleuchtung am Rundweg Seepark', en: 'Lighting on the Seepark circular path' },
    description: {
      de: 'Nach mehreren Meldungen über dunkle Abschnitte werden zusätzliche Leuchten aufgestellt.',
      en: 'After several reports of dark stretches, additional lights are being installed.',
    },
    responsible: 'city',
    responsibleName: 'Stadt Lünen, Grünflächenamt',
    lat: 51.6035,
    lon: 7.5565,
    dueOn: isoDate(new Date(now.getTime() + 45 * day)),
    status: 'planned',
    publishedAt: new Date(now.getTime() - 3 * day),
  });
}

/**
 * Istanbul's 39 districts (ilçe) with their canonical Turkish names and their side of the
 * Bosphorus. Adalar (the Princes' Islands) counts as Asia. Other spellings are the ones people
 * actually write: the old name "Eyüp", split words ("Küçük Çekmece") and "G.O.Paşa" / "GOP".
 */

export type Side = 'europe' | 'asia';

/** A district as reports show it. */
export interface District { name: string; side: Side }

/** A district and how else it is written (besides its name, any case, with or without Turkish letters). */
export interface DistrictEntry extends District { readonly aliases: readonly string[] }

export const DISTRICTS: readonly DistrictEntry[] = [
  { name: 'Adalar', side: 'asia', aliases: [] },
  { name: 'Arnavutköy', side: 'europe', aliases: [] },
  { name: 'Ataşehir', side: 'asia', aliases: ['Ata Şehir'] },
  { name: 'Avcılar', side: 'europe', aliases: [] },
  { name: 'Bağcılar', side: 'europe', aliases: [] },
  { name: 'Bahçelievler', side: 'europe', aliases: ['Bahçeli Evler'] },
  { name: 'Bakırköy', side: 'europe', aliases: ['Bakır Köy'] },
  { name: 'Başakşehir', side: 'europe', aliases: ['Başak Şehir'] },
  { name: 'Bayrampaşa', side: 'europe', aliases: ['Bayram Paşa'] },
  { name: 'Beşiktaş', side: 'europe', aliases: [] },
  { name: 'Beykoz', side: 'asia', aliases: [] },
  { name: 'Beylikdüzü', side: 'europe', aliases: ['Beylik Düzü'] },
  { name: 'Beyoğlu', side: 'europe', aliases: [] },
  { name: 'Büyükçekmece', side: 'europe', aliases: ['Büyük Çekmece'] },
  { name: 'Çatalca', side: 'europe', aliases: [] },
  { name: 'Çekmeköy', side: 'asia', aliases: ['Çekme Köy'] },
  { name: 'Esenler', side: 'europe', aliases: [] },
  { name: 'Esenyurt', side: 'europe', aliases: [] },
  { name: 'Eyüpsultan', side: 'europe', aliases: ['Eyüp Sultan', 'Eyüp'] },
  { name: 'Fatih', side: 'europe', aliases: [] },
  { name: 'Gaziosmanpaşa', side: 'europe', aliases: ['Gazi Osmanpaşa', 'Gazi Osman Paşa', 'Gaziosman Paşa', 'G.O.Paşa', 'G.O.P.', 'GOP'] },
  { name: 'Güngören', side: 'europe', aliases: [] },
  { name: 'Kadıköy', side: 'asia', aliases: ['Kadı Köy'] },
  { name: 'Kağıthane', side: 'europe', aliases: ['Kağıt Hane'] },
  { name: 'Kartal', side: 'asia', aliases: [] },
  { name: 'Küçükçekmece', side: 'europe', aliases: ['Küçük Çekmece'] },
  { name: 'Maltepe', side: 'asia', aliases: [] },
  { name: 'Pendik', side: 'asia', aliases: [] },
  { name: 'Sancaktepe', side: 'asia', aliases: ['Sancak Tepe'] },
  { name: 'Sarıyer', side: 'europe', aliases: [] },
  { name: 'Silivri', side: 'europe', aliases: [] },
  { name: 'Sultanbeyli', side: 'asia', aliases: ['Sultan Beyli'] },
  { name: 'Sultangazi', side: 'europe', aliases: ['Sultan Gazi'] },
  { name: 'Şile', side: 'asia', aliases: [] },
  { name: 'Şişli', side: 'europe', aliases: [] },
  { name: 'Tuzla', side: 'asia', aliases: [] },
  { name: 'Ümraniye', side: 'asia', aliases: [] },
  { name: 'Üsküdar', side: 'asia', aliases: [] },
  { name: 'Zeytinburnu', side: 'europe', aliases: ['Zeytin Burnu'] },
];

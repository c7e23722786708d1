/**
 * Common Turkish given names, female and male, for finding where a person's name starts in
 * informal text written all in lower case and without Turkish letters ("slm ben ayse yilmaz
 * faturam yuksek"), where capitals cannot mark a name.
 *
 * Names are written below in their proper Turkish spelling and folded when the set is built.
 * Compound names are listed whole and by their parts ("Ayşegül" and "Gül"). Left out on purpose:
 * names that are also ordinary words likely in complaint text (Su, Ay, Alev, Ateş, Işık, Yeter,
 * Döndü, Durdu, Emin, Sabit, Sefer, Çağrı, Cuma, Kasım, Eylül, Nisan, Saniye, Hayat, Mutlu,
 * Gündüz, Toprak, Ada, Asya, Derin, Evin, Dünya, Temel, Hakkı, Bayram, İslam, Yüksel), names
 * that are mainly surnames (Yılmaz, Demir) and names of Istanbul districts or their usual
 * spellings (Eyüp, Gazi, Kartal), except Fatih, and the Şişli neighbourhood Kurtuluş.
 */

import { foldTurkish as fold } from '../turkish/fold.js';

/** The names in their proper Turkish spelling, in Turkish alphabetical order. */
const NAMES: readonly string[] = [
  'Abbas', 'Abdi', 'Abdulbaki', 'Abdulhakim', 'Abdulkadir', 'Abdulkerim', 'Abdullah', 'Abdulsamet',
  'Abdulselam', 'Abdurrahim', 'Abdurrahman', 'Abdülaziz', 'Abdülhamit', 'Abdülmecit', 'Abidin',
  'Âdem', 'Adil', 'Adile', 'Adnan', 'Afife', 'Agit', 'Ahmet', 'Ahsen', 'Ahu', 'Akgül', 'Akın',
  'Alaattin', 'Aleyna', 'Ali', 'Alican', 'Alihan', 'Alirıza', 'Almila', 'Alp', 'Alparslan', 'Alper',
  'Alperen', 'Altan', 'Anıl', 'Aras', 'Arda', 'Arif', 'Arzu', 'Asel', 'Asiye', 'Aslan', 'Aslı',
  'Aslıhan', 'Asuman', 'Atakan', 'Atilla', 'Avni', 'Ayaz', 'Aybüke', 'Ayça', 'Aydın', 'Ayfer',
  'Aygül', 'Aygün', 'Ayhan', 'Aykut', 'Ayla', 'Aylin', 'Aynur', 'Aysel', 'Aysu', 'Aysun', 'Ayşe',
  'Ayşegül', 'Ayşen', 'Ayşenur', 'Aytaç', 'Aytekin', 'Ayten', 'Azad', 'Aziz', 'Azize', 'Azra',
  'Bahadır', 'Bahar', 'Bahattin', 'Bahri', 'Bahriye', 'Baki', 'Banu', 'Baran', 'Barış', 'Battal',
  'Batuhan', 'Bedia', 'Bedirhan', 'Bedri', 'Bedriye', 'Begüm', 'Behiye', 'Bekir', 'Belgin', 'Belma',
  'Bengisu', 'Bengü', 'Berat', 'Berdan', 'Beren', 'Berfin', 'Beril', 'Berivan', 'Berk', 'Berkan',
  'Berkay', 'Berke', 'Berna', 'Berra', 'Berrak', 'Berrin', 'Berzan', 'Beste', 'Betül', 'Beyza',
  'Bilal', 'Bilge', 'Binnaz', 'Birgül', 'Birsen', 'Bora', 'Burak', 'Burcu', 'Burçin', 'Burhan',
  'Buse', 'Bülent', 'Bünyamin', 'Büşra',
  'Cafer', 'Cahit', 'Can', 'Canan', 'Caner', 'Cansu', 'Celal', 'Cem', 'Cemal', 'Cemalettin',
  'Cemil', 'Cemile', 'Cemre', 'Cengiz', 'Cenk', 'Cennet', 'Ceren', 'Cevat', 'Cevdet', 'Cevriye',
  'Ceyda', 'Ceyhan', 'Ceyhun', 'Ceylan', 'Ceylin', 'Cihan', 'Cihat', 'Coşkun', 'Cumali', 'Cüneyt',
  'Çağan', 'Çağatay', 'Çağdaş', 'Çağla', 'Çağlar', 'Çetin', 'Çınar', 'Çiçek', 'Çiğdem',
  'Damla', 'Davut', 'Defne', 'Delal', 'Demet', 'Deniz', 'Derviş', 'Derya', 'Dicle', 'Didem', 'Dila',
  'Dilan', 'Dilara', 'Dilay', 'Dilber', 'Dilek', 'Dilşad', 'Diyar', 'Doğan', 'Doğukan', 'Doruk',
  'Döne', 'Dudu', 'Duran', 'Dursun', 'Duru', 'Duygu', 'Dündar',
  'Ebru', 'Ebubekir', 'Ece', 'Ecem', 'Ecrin', 'Eda', 'Efe', 'Ege', 'Egemen', 'Ekin', 'Ekrem', 'Ela',
  'Elanur', 'Elçin', 'Elif', 'Elifnur', 'Elmas', 'Emel', 'Emine', 'Emir', 'Emirhan', 'Emrah',
  'Emre', 'Emrullah', 'Ender', 'Enes', 'Engin', 'Enis', 'Enver', 'Eray', 'Ercan', 'Erdal', 'Erdem',
  'Erdinç', 'Erdoğan', 'Eren', 'Ergin', 'Ergün', 'Erhan', 'Erkan', 'Erol', 'Ersin', 'Ertan',
  'Ertuğrul', 'Esat', 'Esila', 'Esin', 'Eslem', 'Esma', 'Esmanur', 'Esra', 'Eşref', 'Ethem',
  'Evren', 'Evrim', 'Eylem', 'Eymen', 'Ezgi',
  'Fadime', 'Fahri', 'Fahriye', 'Faik', 'Faruk', 'Fatih', 'Fatma', 'Fatmagül', 'Fatmanur', 'Fatoş',
  'Fazıl', 'Fazlı', 'Fehmi', 'Feray', 'Ferda', 'Ferdi', 'Ferhat', 'Feride', 'Feridun', 'Ferit',
  'Fethi', 'Fevzi', 'Fevziye', 'Feyza', 'Feyzi', 'Fırat', 'Fidan', 'Figen', 'Fikret', 'Fikri',
  'Fikriye', 'Filiz', 'Firdevs', 'Fuat', 'Fulya', 'Funda', 'Furkan',
  'Galip', 'Gamze', 'Gizem', 'Gonca', 'Gökay', 'Gökçe', 'Gökhan', 'Gökmen', 'Göksel', 'Göktuğ',
  'Gönül', 'Görkem', 'Gözde', 'Gül', 'Gülay', 'Gülbahar', 'Gülcan', 'Gülçin', 'Gülden', 'Güler',
  'Gülhan', 'Gülistan', 'Gülizar', 'Güllü', 'Gülnaz', 'Gülnur', 'Gülperi', 'Gülser', 'Gülseren',
  'Gülsüm', 'Gülşah', 'Gülşen', 'Gülten', 'Gülümser', 'Güner', 'Güneş', 'Güngör', 'Gürkan',
  'Gürsel', 'Güzide', 'Güzin',
  'Habibe', 'Hacer', 'Hafize', 'Hafsa', 'Hakan', 'Hale', 'Halide', 'Halil', 'Halime', 'Halis',
  'Halit', 'Haluk', 'Hamdi', 'Hamide', 'Hamit', 'Hamiyet', 'Hamza', 'Handan', 'Hande', 'Hanefi',
  'Hanife', 'Harun', 'Hasan', 'Hasret', 'Haşim', 'Hatice', 'Havva', 'Hayati', 'Haydar', 'Hayrettin',
  'Hayri', 'Hayriye', 'Hayrullah', 'Hazal', 'Hediye', 'Helin', 'Hıdır', 'Hızır', 'Hidayet',
  'Hikmet', 'Hilal', 'Hilmi', 'Hira', 'Hozan', 'Hulusi', 'Huriye', 'Hurşit', 'Hülya', 'Hümeyra',
  'Hüsamettin', 'Hüseyin', 'Hüsne', 'Hüsniye', 'Hüsnü',
  'Irmak', 'Işıl', 'Işın',
  'İbrahim', 'İclal', 'İdris', 'İhsan', 'İkbal', 'İlayda', 'İlhan', 'İlkay', 'İlker', 'İlknur',
  'İlyas', 'İnci', 'İpek', 'İrem', 'İrfan', 'İsa', 'İskender', 'İsmail', 'İsmet', 'İzzet',
  'İzzettin',
  'Jale', 'Jiyan',
  'Kaan', 'Kader', 'Kadir', 'Kadri', 'Kadriye', 'Kağan', 'Kâmil', 'Kâmile', 'Kâmuran', 'Kardelen',
  'Kayra', 'Kâzım', 'Kemal', 'Kenan', 'Kerem', 'Kerim', 'Kevser', 'Kezban', 'Keziban', 'Kıymet',
  'Koray', 'Kubilay', 'Kudret', 'Kuzey', 'Kübra', 'Kürşat',
  'Lale', 'Lara', 'Latif', 'Latife', 'Leman', 'Levent', 'Leyla', 'Lokman', 'Lütfi', 'Lütfiye',
  'Macit', 'Mahir', 'Mahmut', 'Mahsun', 'Makbule', 'Masal', 'Mazlum', 'Mecit', 'Medine', 'Mehmet',
  'Mehtap', 'Melahat', 'Melda', 'Melek', 'Melih', 'Meliha', 'Melike', 'Melis', 'Melisa', 'Meltem',
  'Meral', 'Mert', 'Merve', 'Meryem', 'Mesut', 'Mete', 'Metin', 'Mevlüt', 'Mihriban', 'Mikail',
  'Mine', 'Mira', 'Miraç', 'Miray', 'Mithat', 'Mizgin', 'Mualla', 'Muammer', 'Muazzez', 'Muhammed',
  'Muhammet', 'Muharrem', 'Muhittin', 'Muhsin', 'Muhterem', 'Mukaddes', 'Murat', 'Musa', 'Mustafa',
  'Muzaffer', 'Müberra', 'Mücahit', 'Müge', 'Mümin', 'Münevver', 'Münir', 'Münire', 'Mürsel',
  'Mürvet', 'Müslüm', 'Müzeyyen',
  'Naciye', 'Nadide', 'Nadir', 'Nafiye', 'Nagihan', 'Nail', 'Naim', 'Nalan', 'Namık', 'Nasır',
  'Naz', 'Nazan', 'Nâzım', 'Nazif', 'Nazife', 'Nazlı', 'Nazmi', 'Nazmiye', 'Nebahat', 'Necati',
  'Necdet', 'Necip', 'Necla', 'Necmettin', 'Necmiye', 'Nedim', 'Nefise', 'Nehir', 'Nejat',
  'Neriman', 'Nermin', 'Nesibe', 'Neslihan', 'Nesrin', 'Neşe', 'Nevin', 'Nevzat', 'Nezahat',
  'Nezir', 'Nigar', 'Nihal', 'Nihat', 'Nil', 'Nilay', 'Nilgün', 'Nilüfer', 'Nimet', 'Nisa',
  'Nisanur', 'Niyazi', 'Nizamettin', 'Nuh', 'Numan', 'Nur', 'Nuran', 'Nuray', 'Nurcan', 'Nurdan',
  'Nurettin', 'Nurgül', 'Nurhan', 'Nurhayat', 'Nuri', 'Nuriye', 'Nursel', 'Nurşen', 'Nurten',
  'Nurullah', 'Nusret',
  'Oğuz', 'Oğuzhan', 'Okan', 'Oktay', 'Onur', 'Orhan', 'Osman', 'Oya', 'Ozan',
  'Ömer', 'Ömür', 'Önder', 'Öykü', 'Özcan', 'Özden', 'Özer', 'Özge', 'Özgül', 'Özgür', 'Özkan',
  'Özlem', 'Öznur',
  'Pakize', 'Pelin', 'Pembe', 'Perihan', 'Pervin', 'Pınar', 'Poyraz',
  'Rabia', 'Rafet', 'Ragıp', 'Rahime', 'Rahmi', 'Rahşan', 'Ramazan', 'Rana', 'Rasim', 'Raşit',
  'Rauf', 'Raziye', 'Recai', 'Recep', 'Refik', 'Refika', 'Remzi', 'Remziye', 'Resul', 'Reşat',
  'Reşit', 'Reyhan', 'Rıdvan', 'Rıfat', 'Rıza', 'Rojda', 'Rojhat', 'Rojin', 'Ronahi', 'Ruken',
  'Rukiye', 'Rümeysa', 'Rüstem', 'Rüştü', 'Rüya', 'Rüzgar',
  'Saadet', 'Sabahat', 'Sabahattin', 'Sabiha', 'Sabire', 'Sabri', 'Sabriye', 'Sacide', 'Sadettin',
  'Sadık', 'Sadi', 'Safiye', 'Saime', 'Sait', 'Sakine', 'Salih', 'Saliha', 'Salim', 'Samet', 'Sami',
  'Sarp', 'Savaş', 'Sebahat', 'Sebahattin', 'Seçkin', 'Seda', 'Sedat', 'Sedef', 'Seher',
  'Selahattin', 'Selami', 'Selcan', 'Selçuk', 'Selda', 'Selen', 'Selim', 'Selin', 'Selma', 'Sema',
  'Semih', 'Semiha', 'Semra', 'Sena', 'Senem', 'Serap', 'Sercan', 'Serdar', 'Serhat', 'Serkan',
  'Serpil', 'Serra', 'Sevcan', 'Sevda', 'Sevde', 'Sevgi', 'Sevil', 'Sevim', 'Sevinç', 'Sevtap',
  'Seyfettin', 'Seyfi', 'Seyhan', 'Seyit', 'Sezai', 'Sezen', 'Sezer', 'Sezgin', 'Sıddık', 'Sıdıka',
  'Sırrı', 'Sıtkı', 'Sibel', 'Simay', 'Simge', 'Sinan', 'Sinem', 'Sipan', 'Siraç', 'Songül', 'Suat',
  'Sude', 'Sudenaz', 'Sultan', 'Süheyla', 'Süleyman', 'Sümbül', 'Sümeyye', 'Süreyya',
  'Şaban', 'Şadiye', 'Şafak', 'Şahin', 'Şakir', 'Şaziye', 'Şebnem', 'Şefik', 'Şefika', 'Şehmus',
  'Şemsettin', 'Şenay', 'Şener', 'Şengül', 'Şennur', 'Şenol', 'Şerafettin', 'Şeref', 'Şerif',
  'Şerife', 'Şermin', 'Şervan', 'Şevket', 'Şevki', 'Şevval', 'Şeyda', 'Şeyhmus', 'Şeyma', 'Şinasi',
  'Şirin', 'Şuayip', 'Şule', 'Şükran', 'Şükriye', 'Şükrü',
  'Tacettin', 'Taha', 'Tahir', 'Tahsin', 'Talat', 'Talha', 'Talip', 'Tamer', 'Taner', 'Tarık',
  'Tarkan', 'Tayfun', 'Tayfur', 'Taylan', 'Tayyip', 'Tekin', 'Tevfik', 'Timur', 'Tolga', 'Tuana',
  'Tuba', 'Tuğba', 'Tuğçe', 'Tuğrul', 'Tuna', 'Tunahan', 'Tuncay', 'Tuncer', 'Turan', 'Turgay',
  'Turgut', 'Turhan', 'Tülay', 'Tülin', 'Türkan',
  'Ubeydullah', 'Ufuk', 'Uğur', 'Uğurcan', 'Ulaş', 'Ulviye', 'Umut', 'Utku',
  'Ülkü', 'Ümit', 'Ümmü', 'Ümmügülsüm', 'Ümmühan', 'Ümran', 'Ünal',
  'Vahap', 'Vahdettin', 'Vahit', 'Vedat', 'Vehbi', 'Veli', 'Vesile', 'Veysel', 'Volkan', 'Vural',
  'Welat',
  'Yağız', 'Yağmur', 'Yahya', 'Yakup', 'Yalçın', 'Yaren', 'Yasemin', 'Yasin', 'Yaşar', 'Yavuz',
  'Yeliz', 'Yener', 'Yeşim', 'Yıldız', 'Yiğit', 'Yiğitcan', 'Yonca', 'Yunus', 'Yusuf', 'Yücel',
  'Zafer', 'Zahide', 'Zehra', 'Zekai', 'Zekeriya', 'Zeki', 'Zekiye', 'Zelal', 'Zeliha', 'Zerrin',
  'Zeynel', 'Zeynelabidin', 'Zeynep', 'Zihni', 'Zilan', 'Ziya', 'Zozan', 'Zuhal', 'Zübeyde',
  'Zübeyir', 'Züleyha', 'Zülfikar', 'Zülküf', 'Zümra',
];

/** Common Turkish given names, folded: lower case by Turkish rules, then ç ğ ı ö ş ü â î û → c g i o s u a i u. */
const GIVEN_NAMES: ReadonlySet<string> = new Set(NAMES.map(fold));

/** True when `folded` (already folded as above) is a common Turkish given name. */
export function isGivenName(folded: string): boolean {
  return GIVEN_NAMES.has(folded);
}

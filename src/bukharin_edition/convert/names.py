"""What a personal name is made of, for texts whose persons the register does not know yet.

These lists are the rules' vocabulary, not a register: given names (in the usual English
transliterations of Russian names, and the some 40,000 given names of many countries that the
gender-guesser package ships), the titles and offices that stand before a name but are not part
of it, the words that are given names too but mostly something else (March, Will, Hope), and
the place names that end as Russian surnames do.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import gender_guesser.detector

FORENAMES = frozenset("""
Aleksandr Alexander Alexandr Aleksander Sasha Aleksei Alexei Alexey Aleksey Alexis Anatoly Anatolii
Anatoliy Andrei Andrey Andrew Anton Arkady Arkadii Arkadiy Artem Artyom Avel Boris Dmitri Dmitry
Dmitrii Eduard Efim Yefim Evgeni Evgeny Evgenii Yevgeny Yevgeni Fedor Fyodor Feodor Felix Feliks
Filipp Gavriil Gavril Genrikh Georgi Georgy Georgii Gennady Gleb Grigori Grigory Grigorii Gregory
Grisha Igor Ilya Ilia Innokenty Ioann Iosif Iossif Isaak Isaac Ivan Karl Kirill Kliment Klim Konstantin
Kuzma Lavrenty Lavrentii Lazar Leon Lev Leonid Lyov Maksim Maxim Mark Matvei Mikhail Michael Mikhael
Moisei Moses Nikita Nikolai Nikolay Nicolai Nickolai Nikolaj Nicholas Nikolaus Oleg Osip Pavel Paul
Petr Pyotr Peter Platon Rafail Roman Ruslan Semyon Semen Sergei Sergey Sergo Sergius Stanislav Stepan
Taras Timofei Vadim Valentin Valerian Valery Valerii Varlam Vasily Vasilii Vasili Vasiliy Viktor
Victor Vikenty Vissarion Vitaly Vladimir Vladislav Vsevolod Vyacheslav Yakov Iakov Jacob Yan Jan
Yemelyan Yevdokimov Yuri Yury Iurii Zakhar Zinovy Avraam Abram Aron Aaron Ivar Nestor Ignaty
Alexandra Aleksandra Alla Anna Anastasia Antonina Bella Dora Ekaterina Yekaterina Catherine Elena
Yelena Helena Elizaveta Evgenia Galina Inessa Inna Irina Klavdia Larisa Larissa Lidia Lydia Liubov
Lyubov Lyudmila Maria Mariya Marina Marie Nadezhda Natalia Natalya Nina Olga Polina Praskovia Raisa
Rosa Rose Sofia Sophia Sofya Svetlana Tatiana Tatyana Valentina Vera Yevgenia Zinaida Zoya Esther
Adolf Albert Alfred Antonio Arthur August Benito Bernard Carl Charles David Edward Eduard Emil Erich
Ernst Franz Frederick Friedrich Georg George Gustav Hans Heinrich Henri Henry Herbert Hermann Hugo
Jacques James Jean John Joseph Josef Julius Jules Karl Klara Clara Leopold Louis Ludwig Martin
Maurice Max Otto Pierre Richard Robert Rudolf Samuel Stephen Theodor Theodore Thomas Walter William
Winston Wilhelm Woodrow Franklin Harold Hubert Joachim Kurt Lion Leo Amadeo Amadeo Angelo Palmiro
Rosa Simone Sidney Beatrice Ramsay Neville Herman Bela György Laszlo Imre Mátyás Wladyslaw Józef
Tomas Edvard Simon Roy Isaac Stephen Moshe Chaim Nahum Ber Berl Yosif Iosip Ioseb Lavrenti Yevno
Khristian Krastyo Krustyo Vlas Georgiy Georgii Yevgeniy Evgeniy Aleksandr Vasiliy Nikolaevich
Grisha Misha Sasha Kolya Volodya Nadya Yura Zina Tolya Petya Vanya Seryozha
""".split())
TITLES = frozenset("""
Comrade Comrades Citizen Accused Witness Defendant Prosecutor Procurator President Chairman
Secretary Commissar People's General Marshal Colonel Major Captain Lieutenant Admiral Professor
Prof. Dr. Dr Mr. Mr Mrs. Mrs Ms. Miss Madame Monsieur Herr Frau Sir Lord Lady Saint St. Tsar Czar
Tsarina Czarina Tsarevich Emperor Empress King Queen Prince Princess Count Countess Baron Duke
Grand Father Mother Brother Sister Uncle Aunt Judge Justice Minister Premier Chancellor Deputy
Academician Bishop Metropolitan Patriarch Pope Engineer Doctor
""".split())
# Nouns after which a name-like word names a place or an institution ("Alexandrinsky Theater").
INSTITUTIONS = frozenset("""
Theater Theatre Prospect Prospekt Street Square Avenue Boulevard Bridge Canal River Lake Sea Island
University Institute Academy School College Library Museum Palace Station Church Cathedral Monastery
Hospital Prison Factory Works Plant Mine Bank Hotel Hall Park Gardens Garden Gate Gates Island
Regiment Division Army Guards Fleet Committee Party Congress Conference Soviet Society Club
Street Trial Case Affair Plan Pact Treaty Line Front Province Region District Oblast Krai Uyezd
Internet Archive Archives Foundation Press Publishers Publishing House
City County Town Village Borough Mount Port Fort Valley Hills Coast Republic Kingdom Empire
Vestnik Pravda Izvestia Gazette Gazeta Journal Review Times Herald News Courier Messenger Bulletin
""".split())
# Titles after which a capitalised word is a person's name ("Comrade Radek", "Dr. Werner").
PERSON_TITLES = frozenset("""
Comrade Citizen Accused Witness Defendant Mr. Mr Mrs. Mrs Ms. Dr. Dr Professor Prof. Marshal
Colonel Lieutenant Admiral Prince Princess Countess Baron Tsar Czar Tsarina Tsarevich Herr Frau
Monsieur Madame Sir Academician
""".split())
PARTICLES = frozenset("von van der de du da di la le ter ten del della".split())
# Places and peoples that end as surnames do (-ov, -sky, …): never a person on their own.
PLACES = frozenset("""
Kiev Kyiv Kharkov Kharkiv Rostov Saratov Pskov Azov Chernigov Lvov Tambov Orlov Yaroslavl Kursk
Ryazan Kazan Smolensk Minsk Pinsk Brest Tiflis Baku Batum Omsk Tomsk Irkutsk Tobolsk Yekaterinburg
Sverdlovsk Leningrad Stalingrad Petrograd Petersburg Moscow Odessa Sevastopol Kishinev Kalinin
Vitebsk Gomel Mogilev Zhitomir Berdichev Uman Kremenchug Nikolaev Kherson Melitopol Taganrog
Novocherkassk Voronezh Tula Kaluga Tver Vologda Vyatka Perm Ufa Samara Simbirsk Penza Astrakhan
Tsaritsyn Turkestan Tashkent Samarkand Bukhara Khiva Turkmen Uzbek Kazakh Kirghiz Dagestan Nevsky
Romanov Rurikovich Soviet Russian Slavic Polish Jewish Bolshevik Menshevik Kalinin Kuibyshev Geneva
Zurich Munich Norwich Ipswich Greenwich Riga Neva Moskva Kolyma Crimea Izhevsk Bryansk Chelyabinsk Novosibirsk Krasnoyarsk Arkhangelsk
Molotovsk Kirov Kirovsk Ordzhonikidze Gorky Frunze Voroshilovgrad Dzerzhinsk Sverdlov Pugachev
""".split())
SURNAME_ENDING = re.compile(
    r"(?:[^aeiou]ov|[^aeiou]ev|[iy]ev|[^aeiou]yov|[^aeiou]ëv|sky|skii|skiy|skij|ski|enko|yan|oian|dze|shvili|"
    r"ova|eva|skaya|skaia|vich|ovitch|evitch)$"
)
PATRONYMIC = re.compile(r"^[A-Z][a-z’']+(?:ovich|evich|ovitch|evitch|vich|ich|ovna|evna|ichna|inichna)$")
INITIALS = re.compile(r"^(?:[A-Z]\. ?){1,3}$|^[A-Z]{2}$")
ABBREVIATIONS = frozenset({"P.S.", "P.P.S.", "N.B.", "C.C.", "C.O.", "U.S.", "U.K.", "A.D.", "B.C.", "P.M.", "A.M.",
                           "I.E.", "E.G.", "R.S.F.S.R.", "U.S.S.R.", "S.R.", "S.R.s", "O.S.", "N.S."})
# Capitalised words that are given names in some country but in an English text are mostly not.
COMMON_WORDS = frozenset("""
I You He She It We They Me Him Her Us Them My Your His Its Our Their The A An In On At Of And But Or
If When Then Than As By For From To With Without Into Onto Upon After Before Since Until While Where
Who Whom Whose What Which That This These Those There Here Yes No Not Nor So Yet All Any Some Each
Every Both Either Neither One Two Three Four Five Six Seven Eight Nine Ten First Second Third Last
Mr Mrs Ms Dear Yours Best Regards Please Thanks Note Notes See Also Ibid Op Cit
January February March April May June July August September October November December
Monday Tuesday Wednesday Thursday Friday Saturday Sunday
Will Hope Grace Rose Mark Art Bill Guy Frank Sun Red Christ God Lord France China Georgia Israel
Jordan Victoria Virginia Carolina Florence Paris Lorraine Chad Summer Winter Autumn Spring Dawn Joy
Faith Honor Justice Liberty Union Soviet Party State Council Bureau Central General Great Grand
Little New Old North South East West Holy Saint Royal Imperial Red White Black Green Brown
German French English British American Russian Polish Italian Spanish Dutch Swiss Jewish Alpha
History Chapter Part Section Volume Book Letter Preface Introduction Contents Index Appendix
""".split())
DEMONYMS = frozenset("""
Caucasian Georgian Christian Italian Russian Asian Armenian Persian Parisian Austrian Hungarian
Bulgarian Romanian Rumanian Ukrainian Siberian Bavarian Prussian Egyptian Indian Canadian Brazilian
Norwegian Belgian Civilian Librarian Historian Guardian Barbarian Agrarian Utopian Arabian Estonian
Latvian Lithuanian Serbian Croatian Slovenian Albanian Macedonian Bosnian Moldavian Bohemian
Victorian Elizabethan Edwardian Freudian Darwinian Hegelian Kantian Lutheran Episcopalian Ian
""".split())


CYRILLIC = dict(zip("абвгдеёжзийклмнопрстуфхцчшщъыьэюяії",
                    "a b v g d e e zh z i y k l m n o p r s t u f kh ts ch sh shch _ y _ e yu ya i yi".split()))


def translit_key(word: str) -> str:
    """A key that the usual transliterations of one Russian name share (Iagoda, Yagoda;
    Krestinsky, Krestinskii; Zinov'ev, Zinoviev; Genrikh, Genrich; Раковский, Rakovsky)."""
    word = "".join(CYRILLIC.get(ch, ch) for ch in word.lower()).replace("_", "")
    text = unicodedata.normalize("NFKD", word).encode("ascii", "ignore").decode().lower()
    text = re.sub(r"[’'ʹ`\-]", "", text)
    text = re.sub(r"(?:skii|skiy|skij|ski)$", "sky", text)
    text = re.sub(r"(?:ii|iy|yi|ij)$", "y", text)
    text = text.replace("kh", "h").replace("x", "ks").replace("tz", "ts").replace("w", "v")
    text = text.replace("j", "y").replace("yo", "e").replace("ye", "e").replace("ie", "e")
    text = text.replace("y", "i")
    return re.sub(r"(.)\1+", r"\1", text)


_DETECTOR = None


@lru_cache(maxsize=20000)
def is_forename(word: str, strict: bool = False) -> bool:
    """A given name: in the transliterations above, or in gender-guesser's list, and not a
    common English word (strict: a name of one sex only, for a given name standing alone)."""
    global _DETECTOR
    plain = word.title() if word.isupper() else word
    if plain in COMMON_WORDS or len(plain) < 2 or not plain[0].isupper() or not plain[1:].islower():
        return False
    if plain in FORENAMES:
        return True
    if strict:  # standing alone, only the names listed above (Vienna, Asia and Even are names too)
        return False
    if _DETECTOR is None:
        _DETECTOR = gender_guesser.detector.Detector(case_sensitive=False)
    kinds = ("male", "female") if strict else ("male", "female", "mostly_male", "mostly_female")
    return _DETECTOR.get_gender(plain) in kinds


def is_initials(word: str) -> bool:
    return bool(INITIALS.match(word)) and word.replace(" ", "") not in ABBREVIATIONS and not is_common(word)


def is_common(word: str) -> bool:
    """A word that is never a surname of its own here (pronouns, months, function words)."""
    return (word.title() if word.isupper() else word) in COMMON_WORDS


def is_patronymic(word: str) -> bool:
    return bool(PATRONYMIC.match(word.title() if word.isupper() else word))


ENGLISH_NOUN = re.compile(r"(?:ism|ist|ists|ity|tion|tions|sion|ment|ness|ance|ence|ics|ogy|ship|hood|ure)$")


def is_english_noun(word: str) -> bool:
    """A word with an English noun's ending (Capitalism, Revolution): never a surname here."""
    return bool(ENGLISH_NOUN.search(word.lower())) and not word.isupper()


def looks_like_surname(word: str) -> bool:
    """A single capitalised word that ends as Russian surnames do and names no place."""
    plain = word.title() if word.isupper() else word
    if plain in PLACES or plain in TITLES or plain in DEMONYMS or plain in COMMON_WORDS or len(plain) < 4:
        return False
    return bool(SURNAME_ENDING.search(plain.lower())) and plain[0].isupper() and plain[1:].islower() \
        or bool(re.match(r"^[A-Z][a-z]+-[A-Z][a-z]+$", plain) and SURNAME_ENDING.search(plain.lower()))

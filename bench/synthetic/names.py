"""Made-up names in Belarusian and Russian Cyrillic and their Latin spellings.

A name is drawn as its Belarusian and Russian forms together; the Latin spellings are derived from
them the way real records spell real names: the Belarusian passport romanisation (the usual
English-language spelling and the display name), the Russian form romanised as English Wikipedia
does, and sometimes Łacinka. Search then has to match them across scripts, as it does for real
names (`transliteration`).
"""

# Names: (gender, Belarusian, Russian). Belarusian is the form the Latin display name comes from,
# as in Belarusian passports; Russian is what Russian-language and state records use.
GIVEN_NAMES = [
    tuple(line.split())
    for line in """
    m Аляксандр Александр|m Аляксей Алексей|m Андрэй Андрей|m Антон Антон|m Арцём Артём
    m Валянцін Валентин|m Васіль Василий|m Віктар Виктор|m Віталь Виталий|m Вадзім Вадим
    m Генадзь Геннадий|m Дзмітрый Дмитрий|m Дзяніс Денис|m Яўген Евгений|m Ігар Игорь
    m Іван Иван|m Кірыл Кирилл|m Максім Максим|m Мікалай Николай|m Міхаіл Михаил
    m Павел Павел|m Раман Роман|m Сяргей Сергей|m Станіслаў Станислав|m Уладзімір Владимир
    m Юрый Юрий|m Ілля Илья|m Алег Олег|m Пётр Пётр|m Леанід Леонид|m Эдуард Эдуард
    f Марыя Мария|f Вольга Ольга|f Наталля Наталья|f Святлана Светлана|f Алена Елена
    f Таццяна Татьяна|f Ганна Анна|f Ірына Ирина|f Кацярына Екатерина|f Людміла Людмила
    f Юлія Юлия|f Вікторыя Виктория|f Ксенія Ксения|f Дар'я Дарья|f Надзея Надежда
    f Валянціна Валентина|f Аксана Оксана|f Галіна Галина|f Лізавета Елизавета|f Яна Яна
    """.replace("\n", "|").split("|")
    if line.strip()
]
# Patronymics: Belarusian masculine and feminine, Russian masculine and feminine.
PATRONYMICS = [
    tuple(line.split())
    for line in """
    Аляксандравіч Аляксандраўна Александрович Александровна
    Віктаравіч Віктараўна Викторович Викторовна
    Сяргеевіч Сяргееўна Сергеевич Сергеевна
    Мікалаевіч Мікалаеўна Николаевич Николаевна
    Уладзіміравіч Уладзіміраўна Владимирович Владимировна
    Іванавіч Іванаўна Иванович Ивановна
    Пятровіч Пятроўна Петрович Петровна
    Міхайлавіч Міхайлаўна Михайлович Михайловна
    Анатольевіч Анатольеўна Анатольевич Анатольевна
    Васільевіч Васільеўна Васильевич Васильевна
    Юр'евіч Юр'еўна Юрьевич Юрьевна
    Генадзевіч Генадзеўна Геннадьевич Геннадьевна
    Леанідавіч Леанідаўна Леонидович Леонидовна
    Андрэевіч Андрэеўна Андреевич Андреевна
    Валер'евіч Валер'еўна Валерьевич Валерьевна
    Яўгенавіч Яўгенаўна Евгеньевич Евгеньевна
    """.strip().splitlines()
]
# Surnames are a stem and an ending, each in both languages (akanne: Кавал-/Ковал-), so that
# 60 stems and 11 endings give 660 surnames: a surname is shared by about 150 of 100,000 people,
# a full name by a handful, as in the real lists.
SURNAME_STEMS = [
    tuple(pair.split("/"))
    for pair in """
    Кавал/Ковал Сакал/Сокол Барыс/Борис Марын/Марин Лабан/Лобан Казл/Козл Гарбач/Горбач
    Навіц/Новиц Смал/Смол Жук/Жук Рагач/Рогач Паляк/Поляк Бабр/Бобр Карп/Карп Лісіц/Лисиц
    Макар/Макар Грыб/Гриб Дуб/Дуб Шастак/Шестак Ярош/Ярош Лукаш/Лукаш Мароз/Мороз Бялоў/Белов
    Варабей/Воробей Пашкав/Пашков Дзямід/Демид Заяц/Заяц Кацуб/Коцуб Лапац/Лопат Мацкев/Мацкев
    Несцяр/Нестер Панамар/Пономар Радзіў/Родив Сцяпан/Степан Тарас/Тарас Фядос/Федос
    Хамк/Хомк Цімох/Тимох Чарн/Черн Шыл/Шил Юрк/Юрк Якуб/Якуб Аляхн/Олехн Бурак/Бурак
    Віцьк/Витьк Галаш/Голош Дашк/Дашк Ермал/Ермол Жылк/Жилк Зубар/Зубар Ігнац/Игнат
    Клім/Клим Лось/Лось Мішк/Мишк Новік/Новик Пракап/Прокоп Русак/Русак Стась/Стась
    Туз/Туз Федар/Федор
    """.split()
]
# Ending: Belarusian masculine, feminine; Russian masculine, feminine.
SURNAME_ENDINGS = [
    ("енка", "енка", "енко", "енко"),
    ("ук", "ук", "ук", "ук"),
    ("скі", "ская", "ский", "ская"),
    ("еўскі", "еўская", "евский", "евская"),
    ("ёнак", "ёнак", "ёнок", "ёнок"),
    ("евіч", "евіч", "евич", "евич"),
    ("ік", "ік", "ик", "ик"),
    ("оў", "ова", "ов", "ова"),
    ("ін", "іна", "ин", "ина"),
    ("чык", "чык", "чик", "чик"),
    ("ец", "ец", "ец", "ец"),
]

# Belarusian Cyrillic to the Latin of Belarusian passports (Siarhei, Aliaksandr, Tsikhanouski):
# the spelling English-language media mostly use for Belarusians.
_PASSPORT_LETTERS = dict(
    zip(
        "абвгґдеёжзіийклмнопрстуўфхцчшыьэюя'’",
        "a b v h g d e io zh z i i i k l m n o p r s t u u f kh ts ch sh y _ e iu ia _ _".split(),
        strict=True,
    )
)
_IOTATED = {"е": "ie", "ё": "io", "ю": "iu", "я": "ia"}
_AFTER_VOWEL = {"е": "ye", "ё": "yo", "ю": "yu", "я": "ya"}
# After these an iotated vowel is written with y (Yauhen, Darya); after і and ы with i (Maryia).
_VOWELS = set("аеёоуўэюя'’ь")


def passport_latin(text: str) -> str:
    """'Сяргей Каваленка' -> 'Siarhei Kavalenka'; 'Яўген' -> 'Yauhen'."""
    out, previous = [], " "
    for char in text:
        lower = char.lower()
        if lower in _IOTATED and (previous in _VOWELS or not previous.isalpha()):
            latin = _AFTER_VOWEL[lower] if previous != "ь" else _IOTATED[lower]
        elif lower in _IOTATED and lower != "е":
            latin = _IOTATED[lower]
        else:
            latin = _PASSPORT_LETTERS.get(lower, lower).replace("_", "")
        out.append(latin.capitalize() if char != lower and latin else latin)
        previous = lower
    return "".join(out)


def russian_latin(text: str) -> str:
    """The Russian form as English Wikipedia would spell it: 'Сергей Коваленко' ->
    'Sergey Kovalenko'."""
    import iuliia

    return iuliia.WIKIPEDIA.translate(text)


def lacinka(text: str) -> str:
    """Belarusian in Łacinka: 'Сяргей Каваленка' -> 'Siarhiej Kavalenka'."""
    from latynkatar import CyrLatConverter

    return CyrLatConverter(text).convert()


def full_name(rng):
    """(gender, {form: text}) for a made-up person: forms 'be', 'ru', 'be_patronymic',
    'ru_patronymic' (the patronymic alone) and 'latin' (the display name)."""
    gender, given_be, given_ru = rng.choice(GIVEN_NAMES)
    stem_be, stem_ru = rng.choice(SURNAME_STEMS)
    ending = rng.choice(SURNAME_ENDINGS)
    father = rng.choice(PATRONYMICS)
    feminine = gender == "f"
    surname_be = stem_be + ending[1 if feminine else 0]
    surname_ru = stem_ru + ending[3 if feminine else 2]
    forms = {
        "be": f"{given_be} {surname_be}",
        "ru": f"{given_ru} {surname_ru}",
        "be_patronymic": father[1 if feminine else 0],
        "ru_patronymic": father[3 if feminine else 2],
        "surname_ru": surname_ru,
        "given_ru": given_ru,
    }
    forms["latin"] = passport_latin(forms["be"])
    return gender, forms


def spellings(plan, rng):
    """(name, language, script, attested, note) for every way the person's name is written."""
    forms = plan.forms
    names = [
        (forms["latin"], "en", "Latn", True, ""),
        (forms["be"], "be", "Cyrl", True, ""),
        (forms["ru"], "ru", "Cyrl", True, ""),
    ]
    russian = russian_latin(forms["ru"])
    if russian != forms["latin"] and rng.random() < 0.5:
        names.append((russian, "en", "Latn", True, "Russian spelling"))
    if rng.random() < 0.2:
        names.append((lacinka(forms["be"]), "be", "Latn", False, "Łacinka"))
    if rng.random() < 0.4:
        court = f"{forms['surname_ru']} {forms['given_ru']} {forms['ru_patronymic']}"
        names.append((court, "ru", "Cyrl", True, "As in court records"))
    return names

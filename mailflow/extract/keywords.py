"""Default category keywords per language (any word form counts: see lemmas.py)."""

from __future__ import annotations

from mailflow.extract.model import Category

_RU: dict[Category, tuple[tuple[str, float], ...]] = {
    Category.DAMAGE: (
        ("повредить", 3), ("повреждение", 3), ("повреждённый", 3), ("разбить", 3),
        ("битый", 3), ("треснуть", 2), ("трещина", 2), ("мятый", 2), ("помять", 2),
        ("порвать", 2), ("вмятина", 2), ("скол", 1), ("расколоть", 2), ("раздавить", 2),
        ("царапина", 1), ("деформировать", 2), ("грязь", 1), ("разрыв", 1),
        ("разбитый", 3), ("помятый", 2), ("сломать", 1), ("испортить", 1),
        ("пробить", 2), ("погнуть", 2), ("мокрый", 2), ("порез", 2), ("бой", 3),
        ("рваный", 2), ("разбиться", 3), ("промокнуть", 2), ("ронять", 2), ("треснувший", 2),
        ("вмятина", 1), ("выдрать", 2), ("повреждённый", 3), ("порезать", 2),
        ("разорвать", 2), ("перекрутить", 2),
    ),
    Category.DELAY: (
        ("задержка", 3), ("задержать", 3), ("опоздание", 2), ("до сих пор", 2),
        ("не прийти", 2), ("не доставить", 2), ("не привезти", 2), ("обещать", 1),
        ("срок доставки", 2), ("неустойка", 2), ("ждать", 1), ("где", 1),
        ("отслеживание", 1), ("просрочить доставку", 2), ("задерживаться", 3),
        ("не поставить", 3), ("до настоящий время", 2), ("просрочка", 3), ("в путь", 1),
        ("срок поставки", 2), ("сорвать", 2),
        ("опоздать", 2), ("не доставлять", 2), ("перенести", 1),
    ),
    Category.SHORTAGE: (
        ("недостача", 4), ("недовложение", 4), ("не хватать", 4), ("недостающий", 3),
        ("недопоставка", 4), ("недокомплект", 4), ("недоставать", 3), ("довезти", 2),
        ("по факту", 1), ("недовес", 4), ("недовложить", 4), ("недогруз", 4),
    ),
    Category.DEFECT: (
        ("брак", 3), ("бракованный", 3), ("дефект", 3), ("неисправный", 3),
        ("неисправность", 3), ("сломаться", 2), ("не работать", 3), ("перестать", 2),
        ("не включаться", 3), ("не греть", 3), ("протекать", 2), ("течь", 2),
        ("качество", 2), ("гарантия", 2), ("просроченный", 2), ("истечь", 2),
        ("затхлый", 2), ("не держать", 2), ("отвалиться", 2), ("запах", 1),
        ("гарь", 2), ("гарантийный", 2), ("облезать", 3), ("просесть", 3), ("хрипеть", 3),
        ("мерцать", 3), ("не отключаться", 3), ("пахнуть", 2), ("химический", 2),
        ("пружина", 1), ("покрытие", 1), ("искрить", 3), ("вибрация", 2), ("сгореть", 3),
        ("не срабатывать", 3), ("некачественный", 3), ("не заряжаться", 3), ("шуметь", 2),
        ("гудеть", 2), ("горелый", 2), ("не горит", 2), ("не гореть", 3), ("ошибка", 1),
        ("битый пиксель", 6), ("болтаться", 2), ("выпадать", 2), ("исправный", 2),
        ("полоса", 1), ("пятно", 1), ("не помочь", 1), ("не держать", 2), ("ржаветь", 3),
    ),
    Category.WRONG_ITEM: (
        ("не тот", 4), ("вместо", 3), ("перепутать", 3), ("не соответствовать", 2),
        ("неправильный", 2), ("другой цвет", 3), ("другой размер", 3), ("пересорт", 4),
        ("не та", 4), ("не то", 2), ("другой модель", 3), ("другой", 1),
        ("а я заказывать", 3), ("заказывать", 1),
    ),
    Category.SERVICE: (
        ("курьер", 1), ("нагрубить", 3), ("грубить", 3), ("хамство", 3), ("оператор", 2),
        ("горячий линия", 2), ("установка", 2), ("монтаж", 2), ("мастер", 2),
        ("обслуживание", 2), ("поддержка", 1), ("менеджер", 1), ("возврат денег", 2),
        ("пункт выдачи", 2), ("хранение", 1), ("карта", 1), ("сборщик", 3), ("сборка", 2),
        ("списать", 2), ("подписка", 3), ("закрыть", 1), ("хамить", 3), ("звонить", 1),
        ("доставка перенести", 2), ("переносить", 2), ("перезвонить", 3),
        ("обратный звонок", 4), ("затянуться", 3), ("сервисный", 3), ("сервис", 2),
        ("отказать", 2), ("квитанция", 1),
    ),
    Category.OTHER: (
        ("упд", 2), ("счёт-фактура", 2), ("закрывающий документ", 3), ("промокод", 3),
        ("акт сверки", 3), ("оригинал", 1), ("документ", 1),
    ),
}

_EN: dict[Category, tuple[tuple[str, float], ...]] = {
    Category.DAMAGE: (
        ("damaged", 3), ("damage", 3), ("cracked", 2), ("crack", 2), ("dented", 2),
        ("crushed", 2), ("smashed", 3), ("shattered", 3), ("torn", 2), ("scratched", 1),
        ("chipped", 1), ("dropped", 1), ("broken", 1), ("box was", 1), ("ripped", 2),
        ("soaked", 2), ("wet", 2), ("split open", 3), ("smashed", 3), ("dent", 2),
        ("transport damage", 4), ("bent", 2), ("torn open", 3), ("snapped", 2),
    ),
    Category.DELAY: (
        ("late", 2), ("delay", 3), ("delayed", 3), ("still not", 2), ("not arrived", 3),
        ("not here", 2), ("where is", 2), ("waiting", 1), ("overdue", 2), ("tracking", 1),
        ("in transit", 1), ("promised delivery", 2), ("has not arrived", 3),
        ("zakaz ne prishel", 3), ("do sih por", 2), ("obeshali", 1),
        ("nothing has arrived", 3), ("not delivered", 3), ("was due", 2), ("not received", 2),
        ("nothing has been received", 3), ("overdue delivery", 3), ("late delivery", 3),
        ("still hasn't", 3), ("hasn't arrived", 3), ("still waiting", 3),
    ),
    Category.SHORTAGE: (
        ("short", 3), ("shortage", 4), ("missing", 3), ("not included", 3),
        ("fewer", 2), ("short delivery", 4), ("lines short", 4), ("shortfall", 4),
        ("short shipment", 4), ("short on", 3), ("only", 1), ("the balance", 2),
    ),
    Category.DEFECT: (
        ("defect", 3), ("defective", 3), ("faulty", 3), ("stopped working", 3),
        ("won't turn on", 3), ("not working", 3), ("doesn't work", 3), ("leaks", 2),
        ("leak", 2), ("quality", 2), ("malfunction", 3), ("warranty", 2), ("expired", 2),
        ("dead", 1), ("won't charge", 3), ("overheats", 2), ("flickering", 3), ("buzz", 3),
        ("switches off", 3), ("does not start", 3), ("won't lock", 3), ("error", 1),
        ("stopped", 2), ("fell out", 2), ("goes black", 3), ("smell", 2), ("peeling", 3),
        ("no sound", 3), ("not heating", 3), ("not cooling", 3), ("fault", 3), ("rusty", 3),
        ("not charging", 3), ("stopped cooling", 3),
    ),
    Category.WRONG_ITEM: (
        ("wrong", 3), ("instead of", 3), ("not what i ordered", 4), ("different", 1),
        ("mixed up", 3), ("incorrect", 2), ("got a", 1), ("wrong size", 4),
        ("wrong colour", 4), ("wrong color", 4), ("swapped", 3), ("mixed up", 3),
        ("never ordered", 3), ("not what i ordered", 4), ("you send", 1), ("you sent", 1),
    ),
    Category.SERVICE: (
        ("courier", 1), ("driver", 1), ("rude", 3), ("installer", 3), ("installation", 3),
        ("service", 1), ("support", 1), ("technician", 3), ("engineer", 2),
        ("customer service", 2), ("call centre", 2), ("hold", 1), ("charged", 2),
        ("signed up", 3), ("subscription", 3), ("collection point", 2), ("pickup point", 2),
        ("wrong address", 4), ("wrong person", 4), ("data protection", 4),
        ("return collection", 4), ("nobody came", 3), ("policy", 2), ("deducted", 3),
        ("charged twice", 3), ("call back", 3),
    ),
    Category.OTHER: (
        ("promo code", 3), ("discount code", 3), ("invoice copy", 3), ("vat invoice", 3),
        ("documents", 1), ("double charge", 3),
    ),
}

# Common wording beyond the first lists (general vocabulary, not drawn from any one letter).
_RU_MORE: dict[Category, tuple[tuple[str, float], ...]] = {
    Category.DAMAGE: (
        ("повреждённый упаковка", 3), ("упаковка порвать", 3), ("вскрыть", 1),
        ("расколоться", 3), ("раскол", 2),
    ),
    Category.DELAY: (
        ("опаздывать", 2), ("нарушить срок", 3), ("нарушение срок", 3),
        ("до сих пор нет", 3), ("где мой заказ", 3), ("когда доставить", 2),
        ("когда привезти", 2), ("ожидать", 1),
    ),
    Category.SHORTAGE: (
        ("не полностью", 2), ("не в полный объём", 3), ("частично", 2), ("меньше чем", 2),
        ("недосчитаться", 4),
    ),
    Category.DEFECT: (
        ("заводской брак", 4), ("глючить", 3), ("зависать", 2), ("не нагреваться", 3),
        ("перегреваться", 3), ("дымить", 3), ("расслоиться", 3), ("отклеиться", 3),
        ("разойтись шов", 3), ("полинять", 3), ("линять", 3), ("катышек", 3),
        ("выйти из строй", 3), ("низкий качество", 3), ("не крутить", 2),
    ),
    Category.WRONG_ITEM: (
        ("другой товар", 3), ("не соответствовать заказ", 3), ("не тот размер", 4),
        ("не тот цвет", 4), ("прислать не", 2),
    ),
    Category.SERVICE: (
        ("грубость", 3), ("некомпетентный", 3), ("не перезвонить", 3), ("не отвечать", 2),
        ("игнорировать", 2), ("не вернуть деньги", 2), ("деньги не поступить", 3),
    ),
    Category.OTHER: (
        ("вопрос", 1), ("уточнить", 1), ("сертификат", 2), ("бонус", 2), ("балл", 2),
        ("акция", 1),
    ),
}

_EN_MORE: dict[Category, tuple[tuple[str, float], ...]] = {
    Category.DAMAGE: (
        ("damaged in transit", 4), ("arrived broken", 3), ("broken glass", 3),
        ("water damage", 3), ("dents", 2), ("scratches", 1),
    ),
    Category.DELAY: (
        ("where is my order", 3), ("not yet arrived", 3), ("no update", 2),
    ),
    Category.SHORTAGE: (
        ("incomplete", 3), ("partial delivery", 3), ("only received", 3), ("fewer than", 3),
        ("not all", 2),
    ),
    Category.DEFECT: (
        ("won't start", 3), ("broke down", 3), ("stopped charging", 3),
        ("dead on arrival", 3), ("malfunctioning", 3), ("leaking", 2), ("overheating", 3),
        ("noisy", 2), ("rattles", 2), ("poor quality", 3), ("fell apart", 3),
        ("came apart", 3), ("peeled", 2), ("faded", 2), ("shrank", 3),
        ("doesn't turn on", 3), ("does not turn on", 3), ("won't turn on", 3),
        ("keeps turning off", 3), ("battery", 1),
    ),
    Category.WRONG_ITEM: (
        ("different item", 3), ("not the one i ordered", 4), ("sent me the wrong", 4),
        ("wrong model", 4), ("wrong item", 4),
    ),
    Category.SERVICE: (
        ("no response", 2), ("ignored", 2), ("refund not received", 3),
        ("haven't received my refund", 3), ("agent", 2), ("staff", 1), ("unhelpful", 3),
    ),
    Category.OTHER: (
        ("question", 1), ("certificate", 2), ("receipt", 1), ("bonus points", 3),
        ("loyalty", 2), ("voucher", 2), ("gift receipt", 3), ("bulk discount", 3),
    ),
}

# The everyday vocabulary of claims in each category (general wording, written without
# looking at any letter of the labelled set).
_RU_COMMON: dict[Category, tuple[tuple[str, float], ...]] = {
    Category.DAMAGE: (
        ("залить", 2), ("подмокнуть", 2), ("намокнуть", 2), ("покорёжить", 2),
        ("продавить", 2), ("уронить", 2), ("при транспортировка", 2), ("при перевозка", 2),
        ("нарушить целостность", 3), ("целостность упаковка", 3), ("побитый", 3),
        ("треснутый", 2), ("сколоть", 2), ("разломать", 2), ("погнутый", 2),
        ("деформация", 2), ("смять", 2), ("расколотый", 2), ("зацепить", 1),
        ("при погрузка", 2), ("при разгрузка", 2), ("порваться", 2), ("протечь", 1),
    ),
    Category.DELAY: (
        ("не отправить", 2), ("не отгрузить", 2), ("не получить заказ", 3),
        ("трек-номер", 1), ("срок", 1), ("уже неделя", 2), ("нарушение срок", 3),
        ("ожидание", 1), ("до сих пор не", 3), ("так и не", 1), ("застрять", 3),
        ("сортировочный центр", 2), ("когда быть доставка", 3), ("не доехать", 3),
        ("статус заказ", 1), ("висеть в статус", 3), ("вторая неделя", 1),
    ),
    Category.SHORTAGE: (
        ("не оказаться", 3), ("не доложить", 4), ("не положить", 3), ("отсутствовать", 2),
        ("недостать", 3),
        ("не весь", 2), ("не хватить", 4), ("не довезти", 3), ("комплектность", 3),
        ("в комплект нет", 4), ("нет в комплект", 4), ("в коробка нет", 3),
        ("не хватать деталь", 4), ("потерять часть", 3), ("привезти только", 3),
        ("прийти только", 3), ("получить только", 3),
    ),
    Category.DEFECT: (
        ("вышел из строй", 3), ("не запускаться", 3), ("выключаться", 2), ("греться", 2),
        ("трещать", 2), ("скрипеть", 2), ("мигать", 2), ("тормозить", 2),
        ("не печатать", 3), ("не открываться", 2), ("не закрываться", 2),
        ("не закручиваться", 2), ("плесень", 3), ("тухлый", 3), ("гнилой", 3),
        ("несвежий", 3), ("кислый", 2), ("испорченный", 2), ("производственный дефект", 4),
        ("гарантийный случай", 3), ("неисправен", 3), ("ржавчина", 3), ("шов", 2),
        ("протечь", 2), ("не работает", 3), ("сломаться через", 3), ("пружина", 1),
        ("подтекать", 3), ("облупиться", 3), ("коррозия", 3), ("перезагружаться", 3),
        ("самопроизвольно", 2), ("не заводиться", 3), ("не реагировать", 3),
        ("не держать заряд", 4), ("разрядиться", 2), ("треснуть через", 3),
        ("прогибаться", 3), ("лопнуть", 2),
    ),
    Category.WRONG_ITEM: (
        ("не те", 4), ("не тот товар", 4), ("чужой заказ", 4), ("не мой заказ", 4),
        ("не заказывать", 3), ("не того цвет", 4), ("не того размер", 4),
        ("другой артикул", 3), ("не та модель", 4), ("чужой", 3), ("не наш заказ", 4),
        ("не то что", 3), ("перепутать заказ", 4),
    ),
    Category.SERVICE: (
        ("грубый", 3), ("нахамить", 3), ("не дозвониться", 3), ("никто не отвечать", 3),
        ("персонал", 2), ("сотрудник", 2), ("продавец", 2), ("двойной списание", 4),
        ("списать дважды", 4), ("деньги не вернуть", 3), ("не вернуть деньги", 3),
        ("отказ", 2), ("жалоба", 2), ("сервисный центр", 3), ("сервисный пункт", 3),
        ("не перезвонить", 3), ("не закончить", 2), ("не мочь вернуть", 3),
        ("отказаться", 2), ("пропасть", 2), ("не отвечать на", 3),
    ),
    Category.OTHER: (
        ("благодарность", 3), ("поблагодарить", 3), ("подсказать", 2), ("можно ли", 2),
        ("передумать", 3), ("изменить адрес", 3), ("сменить адрес", 3),
        ("копия чек", 3), ("копия счёт", 3), ("как оформить", 2),
    ),
}

_EN_COMMON: dict[Category, tuple[tuple[str, float], ...]] = {
    Category.DAMAGE: (
        ("ruined", 2), ("in pieces", 3), ("squashed", 2), ("mangled", 3), ("punctured", 2),
        ("scuffed", 1), ("caved in", 3),
        ("water damaged", 3), ("damaged packaging", 3), ("broken in transit", 4),
        ("arrived smashed", 4), ("arrived cracked", 4), ("busted", 2), ("split", 2),
        ("upon unpacking", 1), ("when unpacking", 1), ("fell off the", 2), ("forklift", 2),
    ),
    Category.DELAY: (
        ("supposed to arrive", 3), ("still nothing", 2), ("hasn't moved", 2),
        ("not shipped", 3), ("not dispatched", 3), ("haven't received", 2),
        ("expected delivery", 2), ("missed delivery", 2), ("no delivery", 2),
        ("still not here", 3), ("weeks ago", 1), ("days late", 3), ("running late", 3),
        ("next-day delivery", 2), ("been a week", 2), ("reschedul", 2), ("not got", 2),
        ("stuck", 2), ("nothing yet", 2), ("no sign of", 3), ("when will", 2),
    ),
    Category.SHORTAGE: (
        ("was missing", 3), ("were missing", 3), ("left out", 2), ("one short", 4),
        ("two short", 4), ("not in the box", 3), ("less than ordered", 4),
        ("is missing", 3), ("are missing", 3), ("came without", 3), ("arrived without", 3),
        ("not in the parcel", 3), ("not in the package", 3), ("there were only", 3),
    ),
    Category.DEFECT: (
        ("broke", 2), ("first time i used", 2), ("broke after", 3), ("mould", 3), ("mold", 3),
        ("rotten", 3), ("stale", 3),
        ("spoiled", 3), ("rust", 3), ("frayed", 3), ("seam", 2), ("manufacturing defect", 4),
        ("won't work", 3), ("didn't work", 3), ("does not work", 3), ("rattling", 2),
        ("buzzing", 3), ("dead pixel", 4), ("cracked after", 3), ("split after", 3),
        ("stopped", 2), ("keeps", 1), ("noise", 2), ("banging", 2), ("grinding", 3),
        ("cooling properly", 3), ("heating properly", 3), ("working properly", 3),
        ("goes off", 2), ("restarts", 3), ("reboots", 3), ("drains", 2), ("corroded", 3),
        ("cracked after", 3), ("won't", 1), ("came off", 2), ("jams", 3), ("paper jam", 3),
        ("only works", 2),
    ),
    Category.WRONG_ITEM: (
        ("someone else's order", 4), ("didn't order", 3), ("did not order", 3),
        ("not ours", 3), ("not our order", 4), ("box contains", 2), ("label says", 2),
        ("not the model", 3), ("older version", 3), ("not the right", 3), ("wrong colour", 4),
        ("wrong version", 4), ("not the same", 2),
    ),
    Category.SERVICE: (
        ("unprofessional", 3), ("no one answers", 3), ("nobody answers", 3), ("on hold", 2),
        ("overcharged", 3), ("refused", 2), ("complaint about", 3), ("never called back", 3),
        ("impolite", 3), ("attitude", 2), ("refund still", 3), ("ticket", 2),
        ("without an answer", 3), ("refused to", 3), ("support chat", 3), ("hung up", 3),
        ("no reply", 3), ("not replied", 3), ("replied to my", 2), ("nobody from", 2),
        ("disconnected", 2),
    ),
    Category.OTHER: (
        ("thank you for", 1), ("just want to know", 3), ("how do i", 2), ("can i", 1),
        ("change the address", 3), ("change my address", 3), ("copy of the invoice", 3),
        ("changed my mind", 3), ("not a claim", 4), ("copy of the receipt", 3),
        ("copy of", 2), ("do you have", 2), ("узнать", 1), ("есть ли", 2),
        ("is there a", 2), ("update the", 2), ("закрывающий документ", 3),
        ("не подойти по размер", 3), ("не подойти", 2), ("надлежащий качество", 5),
    ),
}

_RU_COMMON_MORE: dict[Category, tuple[tuple[str, float], ...]] = {
    Category.DAMAGE: (("раздавить", 2), ("раздавленный", 3), ("отбить", 2), ("побить", 3)),
    Category.DELAY: (("никто не приехать", 3), ("не приехать", 2), ("не привезти вовремя", 3)),
    Category.SHORTAGE: (("не досчитаться", 4), ("недосчитаться", 4)),
    Category.DEFECT: (("не морозить", 3), ("не холодить", 3), ("не охлаждать", 3),
                      ("не варить", 3), ("не сушить", 3), ("не стирать", 3), ("не крутиться", 3)),
    Category.SERVICE: (("дозвониться", 2), ("бросить трубка", 3), ("хамить", 3)),
    Category.OTHER: (("прайс", 3), ("прайс-лист", 3), ("коммерческий предложение", 3),
                     ("сотрудничество", 2), ("получатель", 2), ("самовывоз", 2)),
}

_EN_COMMON_MORE: dict[Category, tuple[tuple[str, float], ...]] = {
    Category.DAMAGE: (("water got into", 3), ("swollen", 2), ("snapped in", 3), ("crumpled", 2)),
    Category.DELAY: (("nobody turned up", 3), ("no-show", 2), ("still waiting for", 3)),
    Category.SHORTAGE: (("unaccounted for", 3), ("pallet short", 4), ("carton short", 4)),
    Category.DEFECT: (("shrunk", 3), ("switches itself off", 3), ("turns itself off", 3),
                      ("won't boil", 3), ("not freezing", 3), ("doesn't heat", 3),
                      ("doesn't charge", 3), ("doesn't turn on", 3)),
    Category.OTHER: (("price list", 3), ("pick up the order", 2), ("collect it myself", 2),
                     ("opening hours", 3)),
}

# A claims desk's everyday words that the lists above lack: cancellations, prices and
# feedback are questions (other); spills and "arrived damaged" are transit damage;
# personal data, call centres and refunds not paid are service (general wording).
_RU_DESK: dict[Category, tuple[tuple[str, float], ...]] = {
    Category.DAMAGE: (
        ("разлиться", 3), ("вытечь", 2), ("сломанный", 2), ("отломать", 2), ("отломиться", 2),
        ("оторванный", 2), ("сколотый", 2), ("поцарапать", 2), ("поцарапанный", 2),
        ("след удар", 3), ("пострадать", 2), ("ужасный состояние", 3), ("прийти повреждённый", 4),
    ),
    Category.DELAY: (
        ("задерживать", 3), ("где посылка", 3), ("нет движение", 2), ("дата доставка", 1),
        ("не получить посылка", 3),
    ),
    Category.DEFECT: (
        ("перестать работать", 3), ("поломка", 3), ("ломаться", 3), ("развалиться", 3),
        ("разваливаться", 3), ("дефектный", 3), ("не функционировать", 3),
        ("не заряжать", 2), ("не крепиться", 2),
    ),
    Category.WRONG_ITEM: (
        ("прислать другой", 3), ("привезти другой", 3), ("прийти другой", 3),
        ("не совпадать", 2), ("не тот артикул", 4),
    ),
    Category.SERVICE: (
        ("доставщик", 1), ("невежливый", 3), ("персональный данные", 4), ("колл-центр", 3),
        ("служба поддержка", 2), ("качество обслуживание", 3), ("не принять возврат", 3),
        ("отказаться принять", 3), ("навязать", 3), ("возврат средство", 2), ("списание", 2),
        ("не вернуть средство", 3), ("обещать перезвонить", 3),
    ),
    Category.OTHER: (
        ("отменить", 2), ("отмена", 2), ("отменить заказ", 3), ("аннулировать", 3),
        ("скидка", 2), ("стоимость", 1), ("цена", 1), ("отзыв", 2), ("реквизит", 3),
        ("счёт на оплата", 3), ("хотеть узнать", 3), ("интересовать", 2), ("предзаказ", 3),
        ("рассрочка", 3), ("подарочный", 2), ("инструкция", 2), ("в наличие", 2),
        ("хотеть поблагодарить", 3), ("отличный сервис", 3), ("спасибо за быстрый", 3),
        ("потерять чек", 3), ("копия", 2), ("не быть дома", 3), ("просить перенести", 3),
        ("работать отлично", 3), ("подарочный упаковка", 3),
    ),
}

_EN_DESK: dict[Category, tuple[tuple[str, float], ...]] = {
    Category.DAMAGE: (
        ("spilled", 3), ("spilt", 3), ("arrived damaged", 4), ("box was crushed", 3),
        ("broken on arrival", 4), ("bad condition", 3), ("badly packed", 3),
        ("burst", 2), ("burst in transit", 4), ("damaged in transit", 4),
    ),
    Category.DELAY: (
        ("hasn't come", 3), ("has not come", 3), ("never arrived", 3), ("never came", 3),
        ("expected by", 2), ("how much longer", 3), ("taking so long", 3),
        ("has not arrived yet", 3),
    ),
    Category.DEFECT: (
        ("no longer works", 3), ("no longer", 1), ("broken after", 3), ("cuts out", 3),
        ("won't connect", 3), ("doesn't connect", 3), ("keeps crashing", 3), ("burning smell", 3),
        ("coming apart", 3), ("falling apart", 3), ("stopped turning on", 3),
    ),
    Category.WRONG_ITEM: (
        ("wrong one", 3), ("received the wrong", 4), ("sent the wrong", 4), ("doesn't match", 2),
        ("does not match", 2), ("different colour", 3), ("different color", 3),
        ("different size", 3), ("different model", 3),
    ),
    Category.SERVICE: (
        ("customer support", 2), ("helpline", 2), ("hotline", 2), ("live chat", 2),
        ("operator", 2), ("still no refund", 4), ("no refund", 3), ("refund hasn't", 3),
        ("personal data", 4), ("privacy", 3), ("gdpr", 4), ("shouted", 3), ("rudely", 3),
        ("missed appointment", 3), ("fitter", 3), ("assembly", 2),
        ("to another customer", 4), ("wrong customer", 4),
    ),
    Category.OTHER: (
        ("cancel", 2), ("cancellation", 3), ("cancel my order", 3), ("discount", 2),
        ("price", 1), ("feedback", 3), ("quotation", 3), ("back in stock", 3), ("in stock", 2),
        ("pre-order", 3), ("gift card", 3), ("gift wrap", 3), ("manual", 2),
        ("would like to know", 3), ("i was wondering", 3), ("could you tell me", 3),
        ("is it possible", 2), ("vat number", 3), ("wanted to thank", 3),
        ("say thank you", 3), ("great service", 3), ("excellent service", 3),
        ("won't be home", 3), ("not be home", 3), ("gift note", 3), ("gift message", 3),
        ("works perfectly", 3), ("can you deliver", 2), ("price match", 3), ("a quote", 3),
    ),
}

# Letters that are not a fault: a question, a request for papers, thanks (other); and the
# service words of repairs, call-backs and refunds handled wrongly (general wording of a
# claims desk in each language, not drawn from any one letter).
_RU_GENERAL: dict[Category, tuple[tuple[str, float], ...]] = {
    Category.DAMAGE: (
        ("приехать разбитый", 4), ("прийти разбитый", 4), ("повреждение при доставка", 4),
        ("смятый", 2), ("промокший", 2), ("мокрый коробка", 3),
    ),
    Category.DELAY: (
        ("не доставлен", 3), ("сорвать срок", 3), ("перенос доставка", 2),
        ("не пришел заказ", 3), ("заказ не прийти", 3),
    ),
    Category.SHORTAGE: (
        ("не доложили", 4), ("недостача товар", 4),
    ),
    Category.DEFECT: (
        ("не включается", 3), ("перестать включаться", 3), ("заводской дефект", 4),
        ("скрытый дефект", 4), ("не соответствовать качество", 3), ("трескаться", 2),
    ),
    Category.WRONG_ITEM: (
        ("не тот модель", 4), ("ошибиться с заказ", 3), ("пересортица", 4),
    ),
    Category.SERVICE: (
        ("отказать в ремонт", 4), ("отказать в гарантийный", 4), ("срок ремонт", 3),
        ("ремонт затянуться", 4), ("не перезвонить", 3), ("заявка на звонок", 3),
        ("отказаться принимать", 3), ("отказаться менять", 3),
        ("забрать возврат", 3), ("курьер за возврат", 3), ("заявка на возврат", 2),
    ),
    Category.OTHER: (
        ("вопрос по", 2), ("вопрос о", 2), ("запрос", 2), ("просить прислать", 1),
        ("сертификат соответствие", 4), ("паспорт товар", 3), ("гарантийный талон", 2),
        ("бонусный балл", 3), ("начислить балл", 3), ("программа лояльность", 3),
        ("благодарить", 3), ("хотеть сказать спасибо", 3), ("объединить заказ", 3),
        ("под заказ", 2), ("когда появиться", 3), ("срок гарантия", 2),
    ),
}

_EN_GENERAL: dict[Category, tuple[tuple[str, float], ...]] = {
    Category.DAMAGE: (
        ("arrived in pieces", 4), ("broken when it arrived", 4), ("crushed box", 3),
        ("damaged box", 3), ("soaking wet", 3),
    ),
    Category.DELAY: (
        ("still hasn't arrived", 3), ("not been delivered", 3), ("hasn't been delivered", 3),
        ("delivery date has passed", 3), ("keeps being pushed back", 3),
    ),
    Category.SHORTAGE: (
        ("only got", 2), ("short-shipped", 4), ("short shipped", 4),
    ),
    Category.DEFECT: (
        ("stopped working after", 4), ("won't switch on", 3), ("doesn't switch on", 3),
        ("does not switch on", 3), ("not turning on", 3), ("cuts off", 2),
    ),
    Category.WRONG_ITEM: (
        ("not what we ordered", 4), ("wrong product", 4),
        ("wrong part", 4),
    ),
    Category.SERVICE: (
        ("refused to repair", 4), ("repair is taking", 3), ("still being repaired", 3),
        ("promised to call", 3), ("no one called", 3), ("nobody called", 3),
        ("charged me", 2), ("was charged", 2), ("sent to the wrong", 3), ("your system", 2),
        ("return pickup", 3), ("collect the return", 3), ("booked a return", 3),
        ("repair centre", 2), ("repair center", 2), ("still waiting for my refund", 4),
        ("callback", 3), ("call me back", 3),
    ),
    Category.OTHER: (
        ("quick question", 3),
        ("just wanted to say", 3), ("thank you so much", 2), ("backorder", 2),
        ("back order", 2), ("how long is the warranty", 3), ("register", 1),
        ("certificate of conformity", 4), ("combine", 2), ("loyalty points", 3),
        ("reward points", 3),
    ),
}

DEFAULT_CATEGORY_KEYWORDS: dict[Category, dict[str, tuple[tuple[str, float], ...]]] = {
    category: {
        "ru": (_RU.get(category, ()) + _RU_MORE.get(category, ()) + _RU_COMMON.get(category, ())
               + _RU_COMMON_MORE.get(category, ()) + _RU_DESK.get(category, ())
               + _RU_GENERAL.get(category, ())),
        "en": (_EN.get(category, ()) + _EN_MORE.get(category, ()) + _EN_COMMON.get(category, ())
               + _EN_COMMON_MORE.get(category, ()) + _EN_DESK.get(category, ())
               + _EN_GENERAL.get(category, ())),
    }
    for category in Category
}
